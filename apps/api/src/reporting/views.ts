import { periodLabelOf, type Report } from '@app/reporting';

/** A report without its content, as lists show it. */
export const reportSummaryView = (r: Report) => ({
  id: r.id,
  kind: r.kind,
  jurisdictionCode: r.jurisdictionCode,
  enterpriseId: r.enterpriseId,
  permitId: r.permitId,
  period: periodLabelOf(r),
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  contentSha256: r.contentSha256,
  generatedAt: r.generatedAt,
  generation: r.generation,
});

export const reportView = (r: Report) => ({ ...reportSummaryView(r), content: r.content });
