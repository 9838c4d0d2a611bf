import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { ALL_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import {
  GenerateReportDto,
  ReportFormatQueryDto,
  ReportQueryDto,
  reportCsv,
  reportCsvFileName,
  ReportsService,
} from '@app/reporting';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';
import { reportSummaryView, reportView } from './views';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Access(ALL_ROLES, {
    summary: 'Generated reports, newest period first (without their content)',
    description:
      'Filter by kind, permit, enterprise and period (2026-10 or 2026-H2). Enterprises see their own monthly reports, regulators and auditors their jurisdiction’s reports including the notice filing.',
    errors: [400],
  })
  async list(@Scope() scope: TenantScope, @Query() query: ReportQueryDto) {
    return (await this.reports.list(scope, query)).map(reportSummaryView);
  }

  @Post('generate')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator, Role.PlatformAdmin], {
    summary: 'Generate or regenerate a report now',
    description:
      '`{kind, period, permitId | enterpriseId | jurisdictionCode}`. Regenerating replaces the report in place (same id, generation + 1); unchanged facts give the same contentSha256.',
    errors: [400, 404],
  })
  async generate(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: GenerateReportDto) {
    return reportView(await this.reports.generate(ctx, scope, dto));
  }

  @Get(':id')
  @ApiProduces('application/json', 'text/csv')
  @Access(ALL_ROLES, {
    summary: 'One report: JSON, or CSV with ?format=csv or Accept: text/csv',
    description:
      'The CSV (UTF-8 with a byte order mark) has one header row of bilingual column names, a row per vehicle, permit or permit kind, and a totals row.',
    errors: [400, 404],
  })
  async get(
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportFormatQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.get(scope, id);
    const csv = query.format ? query.format === 'csv' : /\btext\/csv\b/i.test(accept ?? '');
    if (!csv) return reportView(report);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${reportCsvFileName(report.content)}"`);
    return reportCsv(report.content);
  }
}
