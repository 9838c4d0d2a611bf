import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type TenantScope } from '@app/core';
import { StatisticsService, PlatformStatsQueryDto } from '@app/statistics';
import { Access } from '../http/access.decorator';
import { Scope } from '../http/request-context.decorator';

@ApiTags('statistics')
@Controller('stats')
export class StatsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Access([Role.Regulator, Role.Auditor, Role.PlatformAdmin], {
    summary: 'Platform figures per jurisdiction',
    description:
      'Enterprises connected, vehicles by category and by stage (closed-field test, open-road test, demonstration), supervised km, notices by kind and status, open alerts, commercial totals and roadside devices (SEED-PS-PLATFORM). Regulators and auditors see their jurisdiction; platform admins every jurisdiction, or the one asked for.',
    errors: [400],
  })
  async get(@Scope() scope: TenantScope, @Query() query: PlatformStatsQueryDto) {
    return { generatedAt: new Date(), jurisdictions: await this.statistics.forScope(scope, query.jurisdictionCode) };
  }
}
