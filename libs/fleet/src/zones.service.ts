import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import gcoord from 'gcoord';
import { type EntityManager, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  ConflictException,
  isUniqueViolation,
  ForbiddenException,
  NotFoundException,
  RedisClient,
  RedisEvents,
  type RequestContext,
  Role,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { JurisdictionsService } from '@app/identity';
import { type CreateZoneDto, type GeoJsonGeometry, type UpdateZoneDto } from './dto/fleet.dto';
import { Zone, ZoneKind } from './entities/zone.entity';

/** Incremented on every zone change; workers reload their in-process zone index when it moves. */
export const ZONES_VERSION_KEY = 'zones:version';
/** Announced on every zone change, so workers reload their zone index at once. */
export const ZONES_CHANGED_CHANNEL = 'zones:changed';

/** A zone's membership area as GeoJSON, for the in-process index. */
export interface ZoneArea {
  id: string;
  code: string;
  jurisdictionCode: string;
  area: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

type Geometry = GeoJsonGeometry;

function toWgs84(geometry: Geometry, crs: 'WGS84' | 'GCJ02' | undefined): Geometry {
  if (crs !== 'GCJ02') return geometry;
  return gcoord.transform(structuredClone(geometry) as never, gcoord.GCJ02, gcoord.WGS84);
}

@Injectable()
export class ZonesService {
  constructor(
    @InjectRepository(Zone) private readonly zones: Repository<Zone>,
    private readonly jurisdictions: JurisdictionsService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly redis: RedisClient,
    private readonly events: RedisEvents,
  ) {}

  async create(ctx: RequestContext, dto: CreateZoneDto): Promise<Zone> {
    const jurisdictionCode = this.jurisdictionFor(ctx, dto.jurisdictionCode);
    await this.jurisdictions.require(jurisdictionCode);
    this.checkKind(dto.kind, dto.geometry, dto.bufferMeters);
    const exists = () => new ConflictException('zone-exists', `Zone ${dto.code} already exists in ${jurisdictionCode}`);
    if (await this.zones.existsBy({ jurisdictionCode, code: dto.code })) throw exists();
    const geometry = toWgs84(dto.geometry, dto.crs);
    const zone = await this.transactions
      .run(async (manager) => {
        const id = await this.insert(manager, { ...dto, jurisdictionCode, geometry });
        const created = await manager.findOneByOrFail(Zone, { id });
        await this.audit.record(manager, ctx, {
          action: 'zone.created',
          entityType: 'zone',
          entityId: id,
          jurisdictionCode,
          after: {
            code: dto.code,
            name: dto.name,
            kind: dto.kind,
            bufferMeters: dto.bufferMeters ?? null,
            crs: dto.crs ?? 'WGS84',
          },
        });
        return created;
      })
      .catch((error: unknown) => {
        // Two simultaneous creations of one code: the unique index keeps the first.
        throw isUniqueViolation(error, 'UQ_zones_code') ? exists() : error;
      });
    await this.bumpVersion();
    return zone;
  }

  async update(ctx: RequestContext, id: string, dto: UpdateZoneDto): Promise<Zone> {
    const zone = await this.transactions.run(async (manager) => {
      const existing = await manager.findOne(Zone, {
        where: this.visible(ctx, id),
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) throw new NotFoundException('Zone', id);
      const geometry = dto.geometry ? toWgs84(dto.geometry, dto.crs) : (existing.geometry as Geometry);
      const bufferMeters = dto.bufferMeters ?? existing.bufferMeters ?? undefined;
      this.checkKind(existing.kind, geometry, bufferMeters);
      await manager.query(
        `UPDATE zones SET name = $2, buffer_meters = $3, geometry = ST_SetSRID(ST_GeomFromGeoJSON($4), 4326),
           area = ${AREA_SQL('$4', '$3', '$5')}, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, dto.name ?? existing.name, bufferMeters ?? null, JSON.stringify(geometry), existing.kind],
      );
      await this.audit.record(manager, ctx, {
        action: 'zone.updated',
        entityType: 'zone',
        entityId: id,
        jurisdictionCode: existing.jurisdictionCode,
        before: {
          name: existing.name,
          bufferMeters: existing.bufferMeters,
          version: existing.version,
        },
        after: {
          name: dto.name ?? existing.name,
          bufferMeters: bufferMeters ?? null,
          geometryChanged: Boolean(dto.geometry),
        },
      });
      return manager.findOneByOrFail(Zone, { id });
    });
    await this.bumpVersion();
    return zone;
  }

  list(jurisdictionCode?: string): Promise<Zone[]> {
    return this.zones.find({
      where: jurisdictionCode ? { jurisdictionCode } : {},
      order: { jurisdictionCode: 'ASC', code: 'ASC' },
    });
  }

  async get(id: string): Promise<Zone> {
    const zone = await this.zones.findOneBy({ id });
    if (!zone) throw new NotFoundException('Zone', id);
    return zone;
  }

  /** Membership areas of every zone, for the worker's in-process index. */
  async areas(): Promise<ZoneArea[]> {
    const rows: { id: string; code: string; jurisdiction_code: string; area: string }[] = await this.zones.query(
      `SELECT id, code, jurisdiction_code, ST_AsGeoJSON(area) AS area FROM zones ORDER BY code`,
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      jurisdictionCode: r.jurisdiction_code,
      area: JSON.parse(r.area) as ZoneArea['area'],
    }));
  }

  async version(): Promise<string> {
    return (await this.redis.get(ZONES_VERSION_KEY)) ?? '0';
  }

  private async insert(manager: EntityManager, zone: CreateZoneDto & { jurisdictionCode: string }): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO zones (jurisdiction_code, code, name, kind, buffer_meters, conditions, geometry, area)
       VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_GeomFromGeoJSON($7), 4326), ${AREA_SQL('$7', '$5', '$4')})
       RETURNING id`,
      [
        zone.jurisdictionCode,
        zone.code,
        zone.name,
        zone.kind,
        zone.bufferMeters ?? null,
        zone.conditions ?? [],
        JSON.stringify(zone.geometry),
      ],
    );
    return row.id;
  }

  private async bumpVersion(): Promise<void> {
    // Best effort: workers also reload periodically, so a missed bump only delays the refresh.
    await this.redis.incr(ZONES_VERSION_KEY).catch(() => undefined);
    await this.events.publish(ZONES_CHANGED_CHANNEL, '1');
  }

  private checkKind(kind: ZoneKind, geometry: Geometry, bufferMeters: number | undefined): void {
    const isLine = geometry.type === 'LineString';
    if (kind === ZoneKind.Route && !isLine)
      throw new ValidationFailedException([{ field: 'geometry.type', reason: 'a ROUTE is a LineString' }]);
    if (kind !== ZoneKind.Route && isLine)
      throw new ValidationFailedException([
        { field: 'geometry.type', reason: `a ${kind} is a Polygon or MultiPolygon` },
      ]);
    if (kind === ZoneKind.Route && !bufferMeters)
      throw new ValidationFailedException([{ field: 'bufferMeters', reason: 'a ROUTE needs bufferMeters' }]);
    if (kind !== ZoneKind.Route && bufferMeters !== undefined)
      throw new ValidationFailedException([{ field: 'bufferMeters', reason: 'applies to ROUTE zones only' }]);
  }

  private jurisdictionFor(ctx: RequestContext, requested: string | undefined): string {
    if (ctx.actor.role === Role.PlatformAdmin) {
      if (!requested)
        throw new ValidationFailedException([{ field: 'jurisdictionCode', reason: 'is required for platform admins' }]);
      return requested;
    }
    if (requested && requested !== ctx.actor.jurisdictionCode) {
      throw new ForbiddenException(`A regulator of ${ctx.actor.jurisdictionCode} cannot create zones in ${requested}`);
    }
    return ctx.actor.jurisdictionCode!;
  }

  private visible(ctx: RequestContext, id: string): { id: string; jurisdictionCode?: string } {
    return ctx.actor.role === Role.PlatformAdmin ? { id } : { id, jurisdictionCode: ctx.actor.jurisdictionCode! };
  }
}

/**
 * SQL for a zone's membership area: a route's line buffered on the sphere by its buffer in
 * metres; a polygon as it is. Invalid polygons (self-intersections) are repaired by ST_MakeValid.
 */
function AREA_SQL(geojson: string, buffer: string, kind: string): string {
  return `ST_Multi(CASE WHEN ${kind}::text = 'ROUTE'
      THEN ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)::geography, ${buffer}::float8)::geometry
      ELSE ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)), 3) END)`;
}
