import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ALL_ROLES, ConflictException, ENTERPRISE_ROLES, type RequestContext, Role, type TenantScope } from '@app/core';
import { PermitsService } from '@app/permits';
import {
  AmendIncidentDto,
  type Incident,
  IncidentsService,
  NearbyQueryDto,
  ReportIncidentDto,
  RequestAnalysisDto,
  SubmitAnalysisDto,
} from '@app/supervision';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';
import { permitView } from '../permits/views';

export class IncidentQueryDto {
  @IsOptional()
  @IsUUID()
  vehicleId?: string;
}

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly permits: PermitsService,
  ) {}

  private view = (incident: Incident) => ({
    ...incident,
    suspensionRecommended: this.incidents.suspensionRecommended(incident),
  });

  @Post()
  @Access(ENTERPRISE_ROLES, {
    summary: 'Report a collision or traffic violation',
    description:
      'The reporting deadline comes from the jurisdiction’s rule pack (a default where the official text is unconfirmed); a late report is marked.',
    errors: [400, 404],
  })
  async report(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: ReportIncidentDto) {
    return this.view(await this.incidents.report(ctx, scope, dto));
  }

  @Get()
  @Access(ALL_ROLES, { summary: 'Incidents visible to the caller', errors: [400] })
  async list(@Scope() scope: TenantScope, @Query() query: IncidentQueryDto) {
    return (await this.incidents.list(scope, query.vehicleId)).map(this.view);
  }

  @Get('nearby')
  @Access([Role.Regulator, Role.Auditor, Role.PlatformAdmin], {
    summary: 'Vehicles within R metres of a place during a time window',
    description: 'For investigators: every vehicle with a stored point inside the circle, with its closest distance.',
    errors: [400],
  })
  nearby(@Scope() scope: TenantScope, @Query() query: NearbyQueryDto) {
    return this.incidents.nearby(scope, query);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One incident', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.view(await this.incidents.get(scope, id));
  }

  @Patch(':id')
  @Access(ENTERPRISE_ROLES, { summary: 'Amend a report (earlier versions are kept)', errors: [400, 404] })
  async amend(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AmendIncidentDto,
  ) {
    return this.view(await this.incidents.amend(ctx, scope, id, dto));
  }

  @Get(':id/versions')
  @Access(ALL_ROLES, { summary: 'Earlier versions of the report', errors: [400, 404] })
  versions(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.versions(scope, id);
  }

  @Get(':id/telemetry')
  @Access(ALL_ROLES, { summary: 'Stored telemetry from 90 s before to 30 s after the incident', errors: [400, 404] })
  telemetry(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.incidents.telemetry(scope, id);
  }

  @Post(':id/analysis-request')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Ask the enterprise for an accident analysis report by a date (BJ-ORD-32)',
    description:
      'An analysis report still missing at the due date raises an INCIDENT_ANALYSIS_OVERDUE alert; asking again moves the due date.',
    errors: [400, 404, 409],
  })
  async requestAnalysis(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RequestAnalysisDto,
  ) {
    return this.view(await this.incidents.requestAnalysis(ctx, scope, id, dto));
  }

  @Post(':id/analysis-report')
  @HttpCode(HttpStatus.OK)
  @Access(ENTERPRISE_ROLES, {
    summary: 'Submit the accident analysis report',
    description: 'Resolves the incident’s overdue alert, if one was raised. A report is submitted once.',
    errors: [400, 404, 409],
  })
  async submitAnalysis(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitAnalysisDto,
  ) {
    return this.view(await this.incidents.submitAnalysis(ctx, scope, id, dto));
  }

  @Post(':id/suspend-permits')
  @HttpCode(HttpStatus.OK)
  @Access([Role.Regulator], {
    summary: 'Confirm suspension of the vehicle’s active permits after a serious at-fault incident (CN-NAT-REVOKE)',
    errors: [400, 404, 409],
  })
  async suspendPermits(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const incident = await this.incidents.get(scope, id);
    if (!this.incidents.suspensionRecommended(incident)) {
      throw new ConflictException(
        'suspension-not-recommended',
        'Only a serious incident with the AV at fault is grounds to suspend here; suspend a permit directly otherwise',
      );
    }
    const permits = await this.permits.activeForVehicle(scope, incident.vehicleId);
    const suspended = [];
    for (const permit of permits) {
      suspended.push(
        permitView(await this.permits.suspend(ctx, scope, permit.id, `incident ${incident.id}: serious, AV at fault`)),
      );
    }
    return { incidentId: incident.id, suspended };
  }
}
