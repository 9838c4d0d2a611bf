import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  findVisibleOrFail,
  NotFoundException,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { EnterprisesService } from '@app/identity';
import { PermitsService } from '@app/permits';
import { type GenerateReportDto, type ReportQueryDto } from './dto/reports.dto';
import { Report } from './entities/report.entity';
import {
  halfYearOf,
  localDate,
  parsePeriod,
  type PeriodLength,
  periodStartingOn,
  previousMonth,
  type ReportPeriod,
} from './periods';
import { ReportFacts } from './report-facts';
import {
  contentSha256,
  enterpriseMonthlyReport,
  noticeFilingReport,
  permitMonthlyReport,
  type ReportContent,
  type ReportKind,
} from './report-content';

/** One report to generate: the permit id, enterprise id or jurisdiction code, and the period label. */
export interface ReportTarget {
  kind: ReportKind;
  subject: string;
  period: string;
}

const MONTHLY_KINDS: readonly ReportKind[] = ['PERMIT_MONTHLY', 'ENTERPRISE_MONTHLY'];

/** The request field that names the subject of each kind. */
const SUBJECT_FIELD = {
  PERMIT_MONTHLY: 'permitId',
  ENTERPRISE_MONTHLY: 'enterpriseId',
  NOTICE_FILING_SEMIANNUAL: 'jurisdictionCode',
} as const satisfies Record<ReportKind, keyof GenerateReportDto>;

export const periodLengthOf = (kind: ReportKind): PeriodLength =>
  kind === 'NOTICE_FILING_SEMIANNUAL' ? 'half-year' : 'month';

/** The period label of a stored report (`2026-10`, `2026-H2`). */
export const periodLabelOf = (report: Pick<Report, 'kind' | 'periodStart'>): string =>
  periodStartingOn(report.periodStart, periodLengthOf(report.kind)).label;

interface Built {
  kind: ReportKind;
  subject: string;
  jurisdictionCode: string;
  enterpriseId: string | null;
  permitId: string | null;
  period: ReportPeriod;
  content: ReportContent;
}

/**
 * Monthly reports per permit and per enterprise, and the jurisdiction's semi-annual notice filing.
 * Generation is an upsert on (kind, subject, period start): the same facts give the same content and hash.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly facts: ReportFacts,
    private readonly permits: PermitsService,
    private readonly enterprises: EnterprisesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /** Reports visible to the caller, newest period first, without their content. Enterprises never see the filing. */
  list(scope: TenantScope, query: ReportQueryDto): Promise<Report[]> {
    const qb = this.reports
      .createQueryBuilder('r')
      .select([
        'r.id',
        'r.kind',
        'r.subject',
        'r.jurisdictionCode',
        'r.enterpriseId',
        'r.permitId',
        'r.periodStart',
        'r.periodEnd',
        'r.contentSha256',
        'r.generatedAt',
        'r.generation',
      ]);
    const where = scopeWhere(scope);
    if (where.enterpriseId) qb.andWhere('r.enterpriseId = :scopeEnterprise', { scopeEnterprise: where.enterpriseId });
    if (where.jurisdictionCode)
      qb.andWhere('r.jurisdictionCode = :scopeJurisdiction', { scopeJurisdiction: where.jurisdictionCode });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.permitId) qb.andWhere('r.permitId = :permitId', { permitId: query.permitId });
    if (query.enterpriseId) qb.andWhere('r.enterpriseId = :enterpriseId', { enterpriseId: query.enterpriseId });
    if (query.jurisdictionCode)
      qb.andWhere('r.jurisdictionCode = :jurisdictionCode', { jurisdictionCode: query.jurisdictionCode });
    if (query.period) {
      // A month label selects monthly reports, a half-year label the filing.
      const month = parsePeriod(query.period, 'month');
      const period = month ?? parsePeriod(query.period, 'half-year');
      qb.andWhere('r.periodStart = :periodStart', { periodStart: period?.start }).andWhere('r.kind IN (:...kinds)', {
        kinds: month ? MONTHLY_KINDS : ['NOTICE_FILING_SEMIANNUAL'],
      });
    }
    return qb
      .orderBy('r.periodStart', 'DESC')
      .addOrderBy('r.kind')
      .addOrderBy('r.subject')
      .take(query.limit ?? 100)
      .getMany();
  }

  get(scope: TenantScope, id: string): Promise<Report> {
    return findVisibleOrFail(this.reports.manager, Report, 'Report', scope, id);
  }

  /** A person (regulator or platform admin) generates or regenerates a report now; audited. */
  async generate(ctx: RequestContext, scope: TenantScope, dto: GenerateReportDto): Promise<Report> {
    const target = await this.visibleTarget(scope, dto);
    const built = await this.build(target);
    return this.transactions.run(async (manager) => {
      const report = await this.store(manager, built);
      await this.audit.recordFor(manager, ctx, 'report', report, 'report.generated', null, {
        kind: report.kind,
        subject: report.subject,
        period: target.period,
        contentSha256: report.contentSha256,
        generation: report.generation,
      });
      return report;
    });
  }

  /** The scheduled generation of one report (the worker's job; not a person's action, so not audited). */
  async generateScheduled(target: ReportTarget): Promise<Report> {
    const built = await this.build(target);
    return this.transactions.run((manager) => this.store(manager, built));
  }

  /**
   * Monthly reports due: for each jurisdiction, the month before the current one in its time zone (or the
   * given month), every permit valid during part of it and every enterprise holding such a permit.
   */
  async monthlyTargets(now: Date, label?: string): Promise<ReportTarget[]> {
    const targets: ReportTarget[] = [];
    for (const jurisdiction of await this.facts.jurisdictions()) {
      const period = label ? this.period(label, 'month') : previousMonth(localDate(now, jurisdiction.timeZone));
      const permits = await this.facts.permitsValidIn(period, { jurisdictionCode: jurisdiction.code });
      for (const permit of permits) targets.push({ kind: 'PERMIT_MONTHLY', subject: permit.id, period: period.label });
      for (const enterpriseId of new Set(permits.map((p) => p.enterpriseId)))
        targets.push({ kind: 'ENTERPRISE_MONTHLY', subject: enterpriseId, period: period.label });
    }
    return targets;
  }

  /** The notice filing due: for each jurisdiction, the half-year containing today in its time zone (or the given one). */
  async filingTargets(now: Date, label?: string): Promise<ReportTarget[]> {
    return (await this.facts.jurisdictions()).map((jurisdiction) => ({
      kind: 'NOTICE_FILING_SEMIANNUAL',
      subject: jurisdiction.code,
      period: label ? this.period(label, 'half-year').label : halfYearOf(localDate(now, jurisdiction.timeZone)).label,
    }));
  }

  /** The subject named in the request, if the caller may see it (404 otherwise), and a period that has begun. */
  private async visibleTarget(scope: TenantScope, dto: GenerateReportDto): Promise<ReportTarget> {
    const period = this.period(dto.period, periodLengthOf(dto.kind));
    const used = SUBJECT_FIELD[dto.kind];
    const unexpected = Object.values(SUBJECT_FIELD).filter((field) => field !== used && dto[field] !== undefined);
    if (unexpected.length > 0)
      throw new ValidationFailedException(unexpected.map((field) => ({ field, reason: `is not used by ${dto.kind}` })));
    let subject: string;
    let jurisdictionCode: string;
    switch (dto.kind) {
      case 'PERMIT_MONTHLY': {
        const permit = await this.permits.get(scope, dto.permitId!);
        [subject, jurisdictionCode] = [permit.id, permit.jurisdictionCode];
        break;
      }
      case 'ENTERPRISE_MONTHLY': {
        const enterprise = await this.enterprises.get(scope, dto.enterpriseId!);
        [subject, jurisdictionCode] = [enterprise.id, enterprise.jurisdictionCode];
        break;
      }
      case 'NOTICE_FILING_SEMIANNUAL': {
        const where = scopeWhere(scope);
        const code = dto.jurisdictionCode ?? where.jurisdictionCode;
        if (!code)
          throw new ValidationFailedException([
            { field: 'jurisdictionCode', reason: 'is required for a platform admin' },
          ]);
        if (where.jurisdictionCode && code !== where.jurisdictionCode)
          throw new NotFoundException('Jurisdiction', code);
        [subject, jurisdictionCode] = [code, code];
        break;
      }
    }
    const jurisdiction = await this.facts.jurisdiction(jurisdictionCode);
    if (period.start > localDate(new Date(), jurisdiction.timeZone))
      throw new ValidationFailedException([{ field: 'period', reason: `${period.label} has not begun yet` }]);
    return { kind: dto.kind, subject, period: period.label };
  }

  private period(label: string, length: PeriodLength): ReportPeriod {
    const period = parsePeriod(label, length);
    if (!period)
      throw new ValidationFailedException([
        {
          field: 'period',
          reason:
            length === 'month'
              ? 'a monthly report covers a month (YYYY-MM)'
              : 'the filing covers a half-year (YYYY-H1 or YYYY-H2)',
        },
      ]);
    return period;
  }

  /** Reads the facts of a target and generates its content (nothing is written). */
  private async build(target: ReportTarget): Promise<Built> {
    const period = this.period(target.period, periodLengthOf(target.kind));
    switch (target.kind) {
      case 'PERMIT_MONTHLY': {
        const [permit] = await this.facts.permitsValidIn(period, { permitId: target.subject });
        if (!permit)
          throw new ValidationFailedException([
            { field: 'period', reason: `permit ${target.subject} was not valid during ${period.label}` },
          ]);
        const jurisdiction = await this.facts.jurisdiction(permit.jurisdictionCode);
        const { jurisdictionCode: _, ...enterprise } = await this.facts.enterprise(permit.enterpriseId);
        const activity = await this.facts.activity([permit], period, jurisdiction.timeZone);
        const { enterpriseId, jurisdictionCode, ...permitFacts } = permit;
        return {
          kind: target.kind,
          subject: permit.id,
          jurisdictionCode,
          enterpriseId,
          permitId: permit.id,
          period,
          content: permitMonthlyReport({ jurisdiction, period, enterprise, permit: permitFacts, ...activity }),
        };
      }
      case 'ENTERPRISE_MONTHLY': {
        const { jurisdictionCode, ...enterprise } = await this.facts.enterprise(target.subject);
        const jurisdiction = await this.facts.jurisdiction(jurisdictionCode);
        const permits = await this.facts.permitsValidIn(period, { enterpriseId: enterprise.id });
        const activity = await this.facts.activity(permits, period, jurisdiction.timeZone);
        return {
          kind: target.kind,
          subject: enterprise.id,
          jurisdictionCode,
          enterpriseId: enterprise.id,
          permitId: null,
          period,
          content: enterpriseMonthlyReport({ jurisdiction, period, enterprise, permits, ...activity }),
        };
      }
      case 'NOTICE_FILING_SEMIANNUAL': {
        const jurisdiction = await this.facts.jurisdiction(target.subject);
        const permits = await this.facts.notices(jurisdiction, period);
        return {
          kind: target.kind,
          subject: jurisdiction.code,
          jurisdictionCode: jurisdiction.code,
          enterpriseId: null,
          permitId: null,
          period,
          content: noticeFilingReport({ jurisdiction, period, permits }),
        };
      }
    }
  }

  /** Inserts the report, or replaces the content of the existing one for the same subject and period. */
  private async store(manager: EntityManager, built: Built): Promise<Report> {
    const [{ id }] = await manager.query<{ id: string }[]>(
      `INSERT INTO reports (kind, subject, jurisdiction_code, enterprise_id, permit_id, period_start, period_end, content, content_sha256, generated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (kind, subject, period_start) DO UPDATE SET period_end = EXCLUDED.period_end, content = EXCLUDED.content,
         content_sha256 = EXCLUDED.content_sha256, generated_at = EXCLUDED.generated_at, generation = reports.generation + 1
       RETURNING id`,
      [
        built.kind,
        built.subject,
        built.jurisdictionCode,
        built.enterpriseId,
        built.permitId,
        built.period.start,
        built.period.end,
        JSON.stringify(built.content),
        contentSha256(built.content),
      ],
    );
    return manager.findOneByOrFail(Report, { id });
  }
}
