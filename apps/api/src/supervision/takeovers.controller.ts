import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, ENTERPRISE_ROLES, type RequestContext, type TenantScope } from '@app/core';
import { ClassifyTakeoverDto, DisengagementQueryDto, TakeoverQueryDto, TakeoversService } from '@app/supervision';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

@ApiTags('takeovers')
@Controller()
export class TakeoversController {
  constructor(private readonly takeovers: TakeoversService) {}

  @Get('takeovers')
  @Access(ALL_ROLES, {
    summary: 'Takeovers found in telemetry (AUTONOMOUS to MANUAL or REMOTE), in a time range',
    description: 'At most 5000 per call; filter by vehicle, or to those not yet classified.',
    errors: [400],
  })
  list(@Scope() scope: TenantScope, @Query() query: TakeoverQueryDto) {
    return this.takeovers.list(scope, query);
  }

  @Patch('takeovers/:vehicleId/:seq')
  @Access(ENTERPRISE_ROLES, { summary: 'Classify a takeover: initiated by, cause, location type', errors: [400, 404] })
  classify(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Param('seq', ParseIntPipe) seq: number,
    @Body() dto: ClassifyTakeoverDto,
  ) {
    return this.takeovers.classify(ctx, scope, vehicleId, seq, dto);
  }

  @Get('disengagements')
  @Access(ALL_ROLES, { summary: 'Autonomous km per takeover, by vehicle, for local days in a period', errors: [400] })
  disengagements(@Scope() scope: TenantScope, @Query() query: DisengagementQueryDto) {
    return this.takeovers.disengagements(scope, query.from, query.to);
  }
}
