import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ALL_ROLES, type TenantScope } from '@app/core';
import { type VehicleIdentity } from '@app/fleet';
import { type IngestReceipt, TelemetryIngestService, TelemetryQueryService } from '@app/telemetry';
import { Access, VehicleAccess } from '../http/access.decorator';
import { CurrentVehicle, Scope } from '../http/request-context.decorator';
import { TelemetryReceiptDto, TelemetryRequestDto } from './telemetry.dto';

@ApiTags('telemetry')
@Controller()
export class TelemetryController {
  constructor(
    private readonly ingest: TelemetryIngestService,
    private readonly query: TelemetryQueryService,
  ) {}

  // Vehicles are limited per vehicle (TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE), not per
  // address: a fleet often shares one carrier NAT address.
  @Post('telemetry')
  @SkipThrottle()
  @HttpCode(HttpStatus.ACCEPTED)
  @VehicleAccess({
    summary: 'Post a batch of points (protocol v1)',
    description:
      'Invalid points are rejected one by one with their index and reason; the rest are accepted. 503 or 429 with Retry-After when the platform cannot take more: keep the points and retry.',
    errors: [400, 413, 429, 503],
  })
  @ApiBody({ type: TelemetryRequestDto })
  @ApiAcceptedResponse({ type: TelemetryReceiptDto })
  post(@CurrentVehicle() vehicle: VehicleIdentity, @Body() body: unknown): Promise<IngestReceipt> {
    return this.ingest.ingest(vehicle, body);
  }

  @Get('telemetry/watermark')
  @SkipThrottle()
  @VehicleAccess({ summary: 'persistedThroughSeq: resend everything above it after an outage' })
  @ApiOkResponse({ schema: { properties: { persistedThroughSeq: { type: 'integer' } } } })
  async watermark(@CurrentVehicle() vehicle: VehicleIdentity): Promise<{ persistedThroughSeq: number }> {
    return { persistedThroughSeq: await this.ingest.watermark(vehicle) };
  }

  @Get('fleet/summary')
  @Access(ALL_ROLES, {
    summary: 'Fleet summary: every visible vehicle with its last report and totals',
  })
  fleetSummary(@Scope() scope: TenantScope) {
    return this.query.fleetSummary(scope);
  }
}
