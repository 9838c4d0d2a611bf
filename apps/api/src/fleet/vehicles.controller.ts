import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  ALL_ROLES,
  ENTERPRISE_ROLES,
  IsCalendarDate,
  type RequestContext,
  Role,
  type TenantScope,
  TimeRangeQueryDto,
} from '@app/core';
import {
  ClosedFieldTestDto,
  CreateVehicleDto,
  VehicleConfigurationDto,
  VehicleCredentialsService,
  VehiclesService,
} from '@app/fleet';
import { TelemetryQueryService } from '@app/telemetry';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';
import { closedFieldTestView, configurationView, credentialView, vehicleView } from './views';

export class TrackQueryDto extends TimeRangeQueryDto {
  /** The `next` cursor of the previous page. */
  @IsOptional()
  @IsString()
  // Bounded so that both numbers stay exact integers the database takes (never 1e+23).
  @Matches(/^\d{1,15}_\d{1,15}$/)
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class StatsQueryDto {
  /** First local day (YYYY-MM-DD), inclusive. */
  @IsCalendarDate()
  from!: string;

  /** Last local day (YYYY-MM-DD), inclusive. */
  @IsCalendarDate()
  to!: string;
}

@ApiTags('vehicles')
@Controller('vehicles')
export class VehiclesController {
  constructor(
    private readonly vehicles: VehiclesService,
    private readonly credentials: VehicleCredentialsService,
    private readonly telemetry: TelemetryQueryService,
  ) {}

  @Post()
  @Access(ENTERPRISE_ROLES, {
    summary: 'Declare a vehicle with its configuration',
    description: 'The VIN check digit is validated (ISO 3779).',
    errors: [400, 404, 409],
  })
  async create(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: CreateVehicleDto) {
    return vehicleView(await this.vehicles.create(ctx, scope, dto));
  }

  @Get()
  @Access(ALL_ROLES, { summary: 'Vehicles visible to the caller' })
  async list(@Scope() scope: TenantScope) {
    return (await this.vehicles.list(scope)).map(vehicleView);
  }

  @Get(':id')
  @Access(ALL_ROLES, { summary: 'One vehicle', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return vehicleView(await this.vehicles.get(scope, id));
  }

  @Get(':id/configurations')
  @Access(ALL_ROLES, { summary: 'Configuration history, newest first', errors: [400, 404] })
  async configurations(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.vehicles.configurationHistory(scope, id)).map(configurationView);
  }

  @Post(':id/configurations')
  @Access(ENTERPRISE_ROLES, {
    summary: 'Declare a configuration change (a new version; history is kept)',
    errors: [400, 404, 409],
  })
  async declareConfiguration(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VehicleConfigurationDto,
  ) {
    return configurationView(await this.vehicles.declareConfiguration(ctx, scope, id, dto));
  }

  @Get(':id/closed-field-tests')
  @Access(ALL_ROLES, { summary: 'Closed-field test evidence', errors: [400, 404] })
  async closedFieldTests(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.vehicles.closedFieldTestsOf(scope, id)).map(closedFieldTestView);
  }

  @Post(':id/closed-field-tests')
  @Access(ENTERPRISE_ROLES, {
    summary: 'Record closed-field test evidence (km, site, date, report)',
    errors: [400, 404],
  })
  async addClosedFieldTest(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ClosedFieldTestDto,
  ) {
    return closedFieldTestView(await this.vehicles.addClosedFieldTest(ctx, scope, id, dto));
  }

  @Post(':id/credentials')
  @Access([Role.EnterpriseAdmin], {
    summary: 'Issue a telemetry token (rotates: earlier tokens are revoked)',
    description: 'The token is shown once, in this response. Only its hash is stored.',
    errors: [400, 404],
  })
  async issueCredential(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const { credential, token } = await this.credentials.issue(ctx, scope, id);
    return { ...credentialView(credential), token };
  }

  @Get(':id/credentials')
  @Access([Role.EnterpriseAdmin, Role.PlatformAdmin], {
    summary: 'Telemetry credentials (without tokens)',
    errors: [400, 404],
  })
  async listCredentials(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return (await this.credentials.list(scope, id)).map(credentialView);
  }

  @Delete(':id/credentials/:credentialId')
  @HttpCode(HttpStatus.OK)
  @Access([Role.EnterpriseAdmin], { summary: 'Revoke a telemetry token', errors: [400, 404] })
  async revokeCredential(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('credentialId', ParseUUIDPipe) credentialId: string,
  ) {
    return credentialView(await this.credentials.revoke(ctx, scope, id, credentialId));
  }

  @Get(':id/position')
  @Access(ALL_ROLES, { summary: 'Latest position and state (by seq)', errors: [400, 404] })
  position(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return this.telemetry.latest(scope, id);
  }

  @Get(':id/track')
  @Access(ALL_ROLES, {
    summary: 'Stored points in a time range, in time order, paged',
    errors: [400, 404],
  })
  track(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string, @Query() query: TrackQueryDto) {
    return this.telemetry.track(scope, id, {
      from: query.from,
      to: query.to,
      after: query.after,
      limit: query.limit ?? 1000,
    });
  }

  @Get(':id/stats')
  @Access(ALL_ROLES, {
    summary: 'Mileage and hours by local day, by mode and by zone',
    errors: [400, 404],
  })
  stats(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatsQueryDto) {
    return this.telemetry.stats(scope, id, query.from, query.to);
  }
}
