import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { REPORT_KINDS, type ReportKind } from '../report-content';

/** A month (`2026-10`) or a calendar half-year (`2026-H2`). */
export const PERIOD_LABEL = /^\d{4}-(0[1-9]|1[0-2]|H[12])$/;
const PERIOD_MESSAGE = 'period must be a month as YYYY-MM or a half-year as YYYY-H1 / YYYY-H2';

export class ReportQueryDto {
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: ReportKind;

  @IsOptional()
  @IsUUID()
  permitId?: string;

  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  /** Narrows a platform admin's view; others already see one jurisdiction at most. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  jurisdictionCode?: string;

  @IsOptional()
  @Matches(PERIOD_LABEL, { message: PERIOD_MESSAGE })
  period?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReportFormatQueryDto {
  /** `csv` downloads the table; without it, `Accept: text/csv` does the same. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class GenerateReportDto {
  @IsIn(REPORT_KINDS)
  kind!: ReportKind;

  /** A month for the monthly reports, a half-year for the notice filing. */
  @Matches(PERIOD_LABEL, { message: PERIOD_MESSAGE })
  period!: string;

  /** The permit of a PERMIT_MONTHLY report. */
  @ValidateIf((dto: GenerateReportDto) => dto.kind === 'PERMIT_MONTHLY' || dto.permitId !== undefined)
  @IsUUID()
  permitId?: string;

  /** The enterprise of an ENTERPRISE_MONTHLY report. */
  @ValidateIf((dto: GenerateReportDto) => dto.kind === 'ENTERPRISE_MONTHLY' || dto.enterpriseId !== undefined)
  @IsUUID()
  enterpriseId?: string;

  /** The jurisdiction of a NOTICE_FILING_SEMIANNUAL report; regulators may leave it out (their own). */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  jurisdictionCode?: string;
}

/** Payload of `reports.monthly` and `reports.notice-filing`: the period, or the one due now when absent. */
export class ScheduleReportsJob {
  @IsOptional()
  @Matches(PERIOD_LABEL)
  period?: string;
}

/** Payload of `reports.generate`: one report to (re)generate. */
export class GenerateReportJob {
  @IsIn(REPORT_KINDS)
  kind!: ReportKind;

  /** Permit id, enterprise id or jurisdiction code, by kind. */
  @IsString()
  @Length(1, 64)
  subject!: string;

  @Matches(PERIOD_LABEL)
  period!: string;
}
