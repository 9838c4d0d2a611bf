import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeParams, type TenantScope, ValidationFailedException } from '@app/core';
import { VehiclesService } from '@app/fleet';
import { MODE_NAMES } from './protocol';

/** Kilometres from summed millimetres, and hours (to the microhour) from summed milliseconds. */
export const km = (mm: string | number): number => Number(mm) / 1_000_000;
export const hours = (ms: string | number): number => Math.round((Number(ms) / 3_600_000) * 1e6) / 1e6;

interface ModeColumns {
  autonomous_mm: string;
  manual_mm: string;
  remote_mm: string;
  autonomous_ms: string;
  manual_ms: string;
  remote_ms: string;
}

/** Mileage in km and driving time in hours, split by mode, from millimetre/millisecond sums. */
function byMode(row: ModeColumns) {
  return {
    km: { autonomous: km(row.autonomous_mm), manual: km(row.manual_mm), remote: km(row.remote_mm) },
    hours: {
      autonomous: hours(row.autonomous_ms),
      manual: hours(row.manual_ms),
      remote: hours(row.remote_ms),
    },
  };
}

const SUMS = `sum(autonomous_mm) AS autonomous_mm, sum(manual_mm) AS manual_mm, sum(remote_mm) AS remote_mm,
  sum(autonomous_ms) AS autonomous_ms, sum(manual_ms) AS manual_ms, sum(remote_ms) AS remote_ms`;

export interface TrackQuery {
  from: Date;
  to: Date;
  /** Cursor from the previous page. */
  after?: string;
  limit: number;
}

@Injectable()
export class TelemetryQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vehicles: VehiclesService,
  ) {}

  async latest(scope: TenantScope, vehicleId: string) {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    const [row] = await this.dataSource.query<Record<string, string | number | Date | null>[]>(
      `SELECT persisted_through_seq, points_stored, last_seq, last_ts, last_lat, last_lon, last_speed_kmh, last_heading_deg,
              last_odometer_km, last_mode, last_received_at FROM vehicle_telemetry_state WHERE vehicle_id = $1`,
      [vehicle.id],
    );
    if (!row || row.last_seq === null)
      return {
        vehicleId: vehicle.id,
        position: null,
        persistedThroughSeq: row ? Number(row.persisted_through_seq) : 0,
        pointsStored: row ? Number(row.points_stored) : 0,
      };
    return {
      vehicleId: vehicle.id,
      position: {
        seq: Number(row.last_seq),
        ts: row.last_ts,
        lat: row.last_lat,
        lon: row.last_lon,
        speedKmh: row.last_speed_kmh,
        headingDeg: row.last_heading_deg,
        odometerKm: row.last_odometer_km,
        mode: MODE_NAMES[Number(row.last_mode)],
        receivedAt: row.last_received_at,
      },
      persistedThroughSeq: Number(row.persisted_through_seq),
      pointsStored: Number(row.points_stored),
    };
  }

  /** Stored points in time order, a page at a time (keyset on ts, seq). */
  async track(scope: TenantScope, vehicleId: string, query: TrackQuery) {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    let afterTs = query.from.getTime() - 1;
    let afterSeq = Number.MAX_SAFE_INTEGER;
    if (query.after) {
      const match = /^(\d+)_(\d+)$/.exec(query.after);
      if (!match)
        throw new ValidationFailedException([{ field: 'after', reason: 'is not a cursor from a previous page' }]);
      [afterTs, afterSeq] = [Number(match[1]), Number(match[2])];
    }
    const rows = await this.dataSource.query<
      {
        seq: string;
        ts: Date;
        lat: number;
        lon: number;
        speed_kmh: number;
        heading_deg: number;
        odometer_km: number | null;
        mode: number;
      }[]
    >(
      `SELECT seq, ts, lat, lon, speed_kmh, heading_deg, odometer_km, mode FROM telemetry_points
       WHERE vehicle_id = $1 AND ts >= $2 AND ts < $3
         AND (ts, seq) > (timestamptz 'epoch' + $4::bigint * interval '1 millisecond', $5::bigint)
       ORDER BY ts, seq LIMIT $6`,
      [vehicle.id, query.from, query.to, afterTs, afterSeq, query.limit],
    );
    const points = rows.map((r) => ({
      seq: Number(r.seq),
      ts: r.ts,
      lat: r.lat,
      lon: r.lon,
      speedKmh: r.speed_kmh,
      headingDeg: r.heading_deg,
      odometerKm: r.odometer_km,
      mode: MODE_NAMES[r.mode],
    }));
    const last = rows[rows.length - 1];
    return {
      points,
      next: rows.length === query.limit ? `${last.ts.getTime()}_${last.seq}` : null,
    };
  }

  /** Mileage and hours by day and mode, and by zone, for local days in [fromDay, toDay]. */
  async stats(scope: TenantScope, vehicleId: string, fromDay: string, toDay: string) {
    const vehicle = await this.vehicles.get(scope, vehicleId);
    const days = await this.dataSource.query<
      (ModeColumns & {
        day: string;
        points: string;
        position_jumps: number;
        quality_events: number;
      })[]
    >(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms, points, position_jumps, quality_events
       FROM vehicle_daily_stats WHERE vehicle_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
      [vehicle.id, fromDay, toDay],
    );
    const zones = await this.dataSource.query<(ModeColumns & { zone_id: string; code: string; name: string })[]>(
      `SELECT s.zone_id, z.code, z.name, ${SUMS} FROM vehicle_zone_daily_stats s JOIN zones z ON z.id = s.zone_id
       WHERE s.vehicle_id = $1 AND s.day BETWEEN $2 AND $3 GROUP BY s.zone_id, z.code, z.name ORDER BY z.code`,
      [vehicle.id, fromDay, toDay],
    );
    const [total] = await this.dataSource.query<
      (ModeColumns & { points: string | null; position_jumps: string | null })[]
    >(
      `SELECT ${SUMS}, sum(points) AS points, sum(position_jumps) AS position_jumps FROM vehicle_daily_stats WHERE vehicle_id = $1 AND day BETWEEN $2 AND $3`,
      [vehicle.id, fromDay, toDay],
    );
    return {
      vehicleId: vehicle.id,
      from: fromDay,
      to: toDay,
      total: {
        ...byMode(total),
        points: Number(total.points ?? 0),
        positionJumps: Number(total.position_jumps ?? 0),
      },
      days: days.map((d) => ({
        day: d.day,
        ...byMode(d),
        points: Number(d.points),
        positionJumps: d.position_jumps,
        qualityEvents: d.quality_events,
      })),
      zones: zones.map((z) => ({ zoneId: z.zone_id, code: z.code, name: z.name, ...byMode(z) })),
    };
  }

  /** Every visible vehicle with its last report and lifetime totals. */
  async fleetSummary(scope: TenantScope) {
    const rows = await this.dataSource.query<
      (ModeColumns & {
        id: string;
        vin: string;
        plate: string | null;
        vehicle_code: string | null;
        category: string;
        last_ts: Date | null;
        last_mode: number | null;
        points: string | null;
      })[]
    >(
      `SELECT v.id, v.vin, v.plate, v.vehicle_code, v.category, s.last_ts, s.last_mode, t.*
       FROM vehicles v
       LEFT JOIN vehicle_telemetry_state s ON s.vehicle_id = v.id
       LEFT JOIN LATERAL (SELECT ${SUMS}, sum(points) AS points FROM vehicle_daily_stats d WHERE d.vehicle_id = v.id) t ON true
       WHERE ($1::uuid IS NULL OR v.enterprise_id = $1) AND ($2::text IS NULL OR v.jurisdiction_code = $2)
       ORDER BY v.vin`,
      scopeParams(scope),
    );
    const vehicles = rows.map((r) => ({
      vehicleId: r.id,
      vin: r.vin,
      plate: r.plate,
      vehicleCode: r.vehicle_code,
      category: r.category,
      lastSeenAt: r.last_ts,
      lastMode: r.last_mode === null ? null : MODE_NAMES[r.last_mode],
      ...byMode({
        autonomous_mm: r.autonomous_mm ?? '0',
        manual_mm: r.manual_mm ?? '0',
        remote_mm: r.remote_mm ?? '0',
        autonomous_ms: r.autonomous_ms ?? '0',
        manual_ms: r.manual_ms ?? '0',
        remote_ms: r.remote_ms ?? '0',
      }),
      points: Number(r.points ?? 0),
    }));
    const sum = (pick: (v: (typeof vehicles)[number]) => number): number =>
      Math.round(vehicles.reduce((t, v) => t + pick(v), 0) * 1e6) / 1e6;
    return {
      vehicles: vehicles.length,
      reporting: vehicles.filter((v) => v.lastSeenAt).length,
      km: {
        autonomous: sum((v) => v.km.autonomous),
        manual: sum((v) => v.km.manual),
        remote: sum((v) => v.km.remote),
      },
      hours: {
        autonomous: sum((v) => v.hours.autonomous),
        manual: sum((v) => v.hours.manual),
        remote: sum((v) => v.hours.remote),
      },
      items: vehicles,
    };
  }
}
