import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Not, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  ForbiddenException,
  isUniqueViolation,
  NotFoundException,
  issueToken,
  type RequestContext,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { AlertsService, AlertStatus } from '@app/supervision';
import { tallyDevices, type DeviceCountRow, type RoadsideDeviceCounts } from './device-counts';
import {
  type DevicePositionDto,
  type RegisterRoadsideDeviceDto,
  type RoadsideDeviceQueryDto,
  type UpdateRoadsideDeviceDto,
} from './dto/roadside-devices.dto';
import { type GeoJsonPoint, RoadsideDevice, RoadsideDeviceStatus } from './entities/roadside-device.entity';

/** The alert type opened for a device that stopped sending heartbeats. */
export const DEVICE_OFFLINE = 'DEVICE_OFFLINE';

/**
 * Devices carry a jurisdiction but no enterprise: regulators and auditors see their
 * jurisdiction's, platform admins all, enterprises none (their routes refuse them too).
 */
function deviceScope(scope: TenantScope): { jurisdictionCode?: string } {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'jurisdiction':
      return { jurisdictionCode: scope.jurisdictionCode };
    case 'enterprise':
      throw new ForbiddenException('Roadside devices are managed by regulators');
  }
}

const pointOf = (position: DevicePositionDto): GeoJsonPoint => ({
  type: 'Point',
  coordinates: [position.lon, position.lat],
});

@Injectable()
export class RoadsideDevicesService {
  constructor(
    @InjectRepository(RoadsideDevice) private readonly devices: Repository<RoadsideDevice>,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly alerts: AlertsService,
  ) {}

  /** Registers a device in a zone; its token is returned this once and only its hash is stored. */
  async register(
    ctx: RequestContext,
    scope: TenantScope,
    dto: RegisterRoadsideDeviceDto,
  ): Promise<{ device: RoadsideDevice; token: string }> {
    const position = dto.position ? pointOf(dto.position) : null;
    const jurisdictionCode = await this.checkPlacement(
      this.devices.manager,
      deviceScope(scope).jurisdictionCode,
      dto.zoneId,
      position,
    );
    const exists = () =>
      new ConflictException(
        'roadside-device-exists',
        `Roadside device ${dto.serial} is already registered in ${jurisdictionCode}`,
      );
    if (await this.devices.existsBy({ jurisdictionCode, serial: dto.serial })) throw exists();
    const { token, ...stored } = issueToken('dt');
    return this.transactions
      .run(async (manager) => {
        const { id } = await manager.save(
          manager.create(RoadsideDevice, {
            jurisdictionCode,
            zoneId: dto.zoneId,
            kind: dto.kind,
            serial: dto.serial,
            description: dto.description ?? null,
            position,
            status: RoadsideDeviceStatus.NeverSeen,
            ...stored,
            tokenIssuedAt: new Date(),
            registeredBy: ctx.actor.userId,
          }),
        );
        const device = await manager.findOneByOrFail(RoadsideDevice, { id });
        await this.audit.record(manager, ctx, {
          action: 'roadside-device.registered',
          entityType: 'roadside-device',
          entityId: id,
          jurisdictionCode,
          after: { ...summary(device), tokenPrefix: device.tokenPrefix },
        });
        return { device, token };
      })
      .catch((error: unknown) => {
        // Two simultaneous registrations of one serial: the unique index keeps the first.
        throw isUniqueViolation(error, 'UQ_roadside_devices_serial') ? exists() : error;
      });
  }

  list(scope: TenantScope, query: RoadsideDeviceQueryDto): Promise<RoadsideDevice[]> {
    return this.devices.find({
      where: {
        ...deviceScope(scope),
        ...(query.zoneId ? { zoneId: query.zoneId } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        status: query.status ?? Not(RoadsideDeviceStatus.Decommissioned),
      },
      order: { jurisdictionCode: 'ASC', serial: 'ASC' },
      take: query.limit ?? 500,
      skip: query.offset ?? 0,
    });
  }

  async get(scope: TenantScope, id: string): Promise<RoadsideDevice> {
    const device = await this.devices.findOneBy({ ...deviceScope(scope), id });
    if (!device) throw new NotFoundException('Roadside device', id);
    return device;
  }

  /** Moves a device to another zone of its jurisdiction, or changes its position or description. */
  update(ctx: RequestContext, scope: TenantScope, id: string, dto: UpdateRoadsideDeviceDto): Promise<RoadsideDevice> {
    return this.change(ctx, scope, id, 'roadside-device.updated', async (manager, device) => {
      const zoneId = dto.zoneId ?? device.zoneId;
      const position =
        dto.position === undefined ? device.position : dto.position === null ? null : pointOf(dto.position);
      if (zoneId !== device.zoneId || dto.position)
        await this.checkPlacement(manager, device.jurisdictionCode, zoneId, position);
      device.zoneId = zoneId;
      device.position = position;
      if (dto.description !== undefined) device.description = dto.description;
      return {};
    });
  }

  /** Issues a new token; the previous one stops working at once (tokens are not cached). */
  async rotateToken(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
  ): Promise<{ device: RoadsideDevice; token: string }> {
    const { token, ...stored } = issueToken('dt');
    const device = await this.change(ctx, scope, id, 'roadside-device.token-rotated', (_, device) => {
      const previousPrefix = device.tokenPrefix;
      Object.assign(device, stored, { tokenIssuedAt: new Date() });
      return Promise.resolve({ previousTokenPrefix: previousPrefix, tokenPrefix: device.tokenPrefix });
    });
    return { device, token };
  }

  /**
   * Takes a device out of service (the row is kept): its token stops working, and its unresolved
   * alerts (DEVICE_OFFLINE) are resolved by the same person, since nothing is left to repair.
   */
  decommission(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    reason: string | undefined,
  ): Promise<RoadsideDevice> {
    return this.change(ctx, scope, id, 'roadside-device.decommissioned', async (manager, device) => {
      device.status = RoadsideDeviceStatus.Decommissioned;
      device.decommissionedAt = new Date();
      const note = `device decommissioned${reason ? `: ${reason}` : ''}`;
      const resolved = await this.alerts.resolveAbout(manager, { deviceId: device.id }, null, ctx.actor.userId, note);
      for (const alertId of resolved) {
        await this.audit.record(manager, ctx, {
          action: 'alert.resolved',
          entityType: 'alert',
          entityId: alertId,
          jurisdictionCode: device.jurisdictionCode,
          after: { status: AlertStatus.Resolved, note },
        });
      }
      return { reason: reason ?? null };
    });
  }

  /** Counts by kind and by status (online, offline, never seen) for the statistics. */
  async countsByJurisdiction(jurisdictionCode: string): Promise<RoadsideDeviceCounts> {
    const rows = await this.devices.query<DeviceCountRow[]>(
      `SELECT kind, status, count(*)::int AS count FROM roadside_devices WHERE jurisdiction_code = $1 GROUP BY kind, status`,
      [jurisdictionCode],
    );
    return tallyDevices(jurisdictionCode, rows);
  }

  /**
   * Loads and locks a device the caller may see, refuses decommissioned ones, applies `apply`,
   * saves and audits the change with before and after, all in one transaction.
   */
  private change(
    ctx: RequestContext,
    scope: TenantScope,
    id: string,
    action: string,
    apply: (manager: EntityManager, device: RoadsideDevice) => Promise<Record<string, unknown>>,
  ): Promise<RoadsideDevice> {
    return this.transactions.run(async (manager) => {
      const device = await manager.findOne(RoadsideDevice, {
        where: { ...deviceScope(scope), id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!device) throw new NotFoundException('Roadside device', id);
      if (device.status === RoadsideDeviceStatus.Decommissioned) {
        throw new ConflictException('illegal-transition', `Roadside device ${id} is decommissioned`, {
          currentState: device.status,
        });
      }
      const before = summary(device);
      const extra = await apply(manager, device);
      await manager.save(device);
      const saved = await manager.findOneByOrFail(RoadsideDevice, { id });
      await this.audit.record(manager, ctx, {
        action,
        entityType: 'roadside-device',
        entityId: id,
        jurisdictionCode: device.jurisdictionCode,
        before,
        after: { ...summary(saved), ...extra },
      });
      return saved;
    });
  }

  /**
   * The zone must exist in `jurisdictionCode` (any jurisdiction when undefined, for platform
   * admins) and cover the position, if one is given (PostGIS, on the zone's membership area).
   * Returns the zone's jurisdiction.
   */
  private async checkPlacement(
    manager: EntityManager,
    jurisdictionCode: string | undefined,
    zoneId: string,
    position: GeoJsonPoint | null,
  ): Promise<string> {
    const [zone] = await manager.query<{ code: string; jurisdiction_code: string; covers: boolean | null }[]>(
      `SELECT code, jurisdiction_code,
         CASE WHEN $2::float8 IS NULL THEN NULL ELSE ST_Covers(area, ST_SetSRID(ST_MakePoint($2, $3), 4326)) END AS covers
       FROM zones WHERE id = $1`,
      [zoneId, position?.coordinates[0] ?? null, position?.coordinates[1] ?? null],
    );
    if (!zone || (jurisdictionCode !== undefined && zone.jurisdiction_code !== jurisdictionCode)) {
      throw new ValidationFailedException([
        { field: 'zoneId', reason: `no such zone${jurisdictionCode ? ` in ${jurisdictionCode}` : ''}` },
      ]);
    }
    if (zone.covers === false)
      throw new ValidationFailedException([{ field: 'position', reason: `must lie inside zone ${zone.code}` }]);
    return zone.jurisdiction_code;
  }
}

/** What the audit log keeps of a device (no token material). */
function summary(device: RoadsideDevice): Record<string, unknown> {
  return {
    kind: device.kind,
    serial: device.serial,
    zoneId: device.zoneId,
    position: device.position?.coordinates ?? null,
    description: device.description,
    status: device.status,
  };
}
