import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { type RequestContext, Role, type TenantScope } from '@app/core';
import {
  DecommissionRoadsideDeviceDto,
  type DeviceIdentity,
  HeartbeatDto,
  RegisterRoadsideDeviceDto,
  type RoadsideDevice,
  RoadsideDeviceQueryDto,
  RoadsideDevicesService,
  RoadsideHeartbeatsService,
  UpdateRoadsideDeviceDto,
} from '@app/roadside';
import { Access, DeviceAccess } from '../http/access.decorator';
import { Ctx, CurrentDevice, Scope } from '../http/request-context.decorator';

const MANAGERS = [Role.Regulator, Role.PlatformAdmin];
const READERS = [Role.Regulator, Role.Auditor, Role.PlatformAdmin];

const deviceView = (d: RoadsideDevice) => ({
  id: d.id,
  jurisdictionCode: d.jurisdictionCode,
  zoneId: d.zoneId,
  kind: d.kind,
  serial: d.serial,
  description: d.description,
  position: d.position ? { lat: d.position.coordinates[1], lon: d.position.coordinates[0] } : null,
  status: d.status,
  lastHeartbeatAt: d.lastHeartbeatAt,
  firmwareVersion: d.firmwareVersion,
  uptimeSeconds: d.uptimeSeconds,
  tokenPrefix: d.tokenPrefix,
  tokenIssuedAt: d.tokenIssuedAt,
  registeredBy: d.registeredBy,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  decommissionedAt: d.decommissionedAt,
});

@ApiTags('roadside devices')
@Controller('roadside-devices')
export class RoadsideDevicesController {
  constructor(
    private readonly devices: RoadsideDevicesService,
    private readonly heartbeats: RoadsideHeartbeatsService,
  ) {}

  // Devices are limited per device (ROADSIDE_HEARTBEAT_MAX_PER_MINUTE), not per address: a
  // district's devices often reach the platform through one backhaul address.
  @Post('heartbeat')
  @SkipThrottle()
  @HttpCode(HttpStatus.OK)
  @DeviceAccess({
    summary: 'Heartbeat of a roadside device: marks it online and resolves its offline alert',
    description:
      'Send one well within offlineAfterSeconds (the answer says how long). The time recorded is the server’s.',
    errors: [400, 429],
  })
  heartbeat(@CurrentDevice() device: DeviceIdentity, @Body() dto: HeartbeatDto) {
    return this.heartbeats.heartbeat(device, dto);
  }

  @Post()
  @Access(MANAGERS, {
    summary: 'Register a roadside device (RSU, camera, radar …) in a zone',
    description:
      'The zone must be of the caller’s jurisdiction, and contain the position if one is given. The device token is shown once, in this response; only its hash is stored.',
    errors: [400, 409],
  })
  async register(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: RegisterRoadsideDeviceDto) {
    const { device, token } = await this.devices.register(ctx, scope, dto);
    return { ...deviceView(device), token };
  }

  @Get()
  @Access(READERS, {
    summary: 'Roadside devices, by jurisdiction and serial',
    description: 'Filter by zone, kind and status; decommissioned devices only when asked for by status.',
    errors: [400],
  })
  async list(@Scope() scope: TenantScope, @Query() query: RoadsideDeviceQueryDto) {
    return (await this.devices.list(scope, query)).map(deviceView);
  }

  @Get(':id')
  @Access(READERS, { summary: 'One roadside device', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return deviceView(await this.devices.get(scope, id));
  }

  @Patch(':id')
  @Access(MANAGERS, {
    summary: 'Move a device to another zone of its jurisdiction, or change its position or description',
    errors: [400, 404, 409],
  })
  async update(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRoadsideDeviceDto,
  ) {
    return deviceView(await this.devices.update(ctx, scope, id, dto));
  }

  @Post(':id/token')
  @Access(MANAGERS, {
    summary: 'Issue a new device token; the previous one stops working at once',
    description: 'The token is shown once, in this response. Only its hash is stored.',
    errors: [400, 404, 409],
  })
  async rotateToken(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const { device, token } = await this.devices.rotateToken(ctx, scope, id);
    return { ...deviceView(device), token };
  }

  @Post(':id/decommission')
  @HttpCode(HttpStatus.OK)
  @Access(MANAGERS, {
    summary: 'Take a device out of service (kept on record; its token stops working)',
    description: 'An open DEVICE_OFFLINE alert of the device is resolved with the reason.',
    errors: [400, 404, 409],
  })
  async decommission(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecommissionRoadsideDeviceDto,
  ) {
    return deviceView(await this.devices.decommission(ctx, scope, id, dto.reason));
  }
}
