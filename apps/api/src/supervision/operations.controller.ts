import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, ENTERPRISE_ROLES, type RequestContext, type TenantScope } from '@app/core';
import { OperationsService, OperationsTotalsQueryDto, ReportTripsDto } from '@app/supervision';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

@ApiTags('commercial operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post('trips')
  @HttpCode(HttpStatus.OK)
  @Access(ENTERPRISE_ROLES, {
    summary: 'Report trips or orders run under a commercial pilot permit (up to 1000 per request)',
    description:
      'Each invalid trip is rejected alone with its index and reason; a trip already reported (same externalRef) counts as a duplicate.',
    errors: [400, 404, 409],
  })
  report(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: ReportTripsDto) {
    return this.operations.report(ctx, scope, dto);
  }

  @Get('totals')
  @Access(ALL_ROLES, {
    summary: 'Vehicles, trips, passengers, tonnes and revenue over a period, per permit',
    errors: [400],
  })
  totals(@Scope() scope: TenantScope, @Query() query: OperationsTotalsQueryDto) {
    return this.operations.totals(scope, query);
  }
}
