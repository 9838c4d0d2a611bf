import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type JobPayload } from '@app/core';
import { type ModeCode } from './protocol';
import { type BatchDeltas, dayFormatter, deltasForNewPoints, type TrackPoint } from './segments';
import { addSeqs, contains, formatMultirange, parseMultirange, watermarkOf } from './seq-ranges';
import { WatermarkStore } from './watermark.store';
import { ZoneIndexProvider } from './zone-index.provider';

export type TelemetryBatchJob = JobPayload<'telemetry.persist'>;

export interface PersistResult {
  stored: number;
  duplicates: number;
  persistedThroughSeq: number;
}

interface StateRow {
  consumed: string;
  last_seq: string | null;
  last_ts: Date | null;
  last_lat: number | null;
  last_lon: number | null;
  last_mode: number | null;
}

const dayFormatters = new Map<string, (ts: number) => string>();
const dayOf = (timeZone: string): ((ts: number) => string) => {
  let format = dayFormatters.get(timeZone);
  if (!format) dayFormatters.set(timeZone, (format = dayFormatter(timeZone)));
  return format;
};

/**
 * Persists one telemetry batch: points, consumed seqs, the watermark, daily and zone aggregates
 * and takeovers, all in one transaction, with set-based statements. Batches of one vehicle are
 * serialised by a transaction-scoped advisory lock, so a batch delivered twice, even to two
 * workers at once, is stored and counted once.
 */
@Injectable()
export class TelemetryWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zoneIndex: ZoneIndexProvider,
    private readonly watermarks: WatermarkStore,
  ) {}

  async persist(job: TelemetryBatchJob): Promise<PersistResult> {
    const { index, timezoneOf } = await this.zoneIndex.current();
    const zonesAt = (lat: number, lon: number): string[] =>
      index.zonesAt(job.jurisdictionCode, lat, lon);
    const result = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7301))', [
        job.vehicleId,
      ]);
      const [state] = await manager.query<StateRow[]>(
        'SELECT consumed::text AS consumed, last_seq, last_ts, last_lat, last_lon, last_mode FROM vehicle_telemetry_state WHERE vehicle_id = $1',
        [job.vehicleId],
      );
      const consumed = parseMultirange(state?.consumed ?? '{}');
      const { points } = job;
      const fresh: number[] = [];
      for (let i = 0; i < points.seq.length; i += 1)
        if (!contains(consumed, points.seq[i])) fresh.push(i);

      const newPoints: TrackPoint[] = fresh.map((i) => ({
        seq: points.seq[i],
        ts: points.ts[i],
        lat: points.lat[i],
        lon: points.lon[i],
        mode: points.mode[i] as ModeCode,
        zones: zonesAt(points.lat[i], points.lon[i]),
      }));
      const known = new Map(newPoints.map((p) => [p.seq, p]));
      await this.loadNeighbours(manager, job.vehicleId, newPoints, known, consumed, state, zonesAt);
      const deltas = deltasForNewPoints(
        newPoints,
        (seq) => known.get(seq),
        dayOf(timezoneOf(job.jurisdictionCode)),
      );

      const ranges = addSeqs(consumed, [...newPoints.map((p) => p.seq), ...job.rejectedSeqs]);
      const persistedThroughSeq = watermarkOf(ranges);
      if (newPoints.length > 0) await this.insertPoints(manager, job, fresh);
      await this.saveState(manager, job, fresh, formatMultirange(ranges), persistedThroughSeq);
      await this.saveDeltas(manager, job.vehicleId, deltas);
      return {
        stored: newPoints.length,
        duplicates: points.seq.length - newPoints.length,
        persistedThroughSeq,
      };
    });
    await this.watermarks.advance(job.vehicleId, result.persistedThroughSeq);
    return result;
  }

  /**
   * Stored neighbours (seq ± 1) of the new points: the latest point comes from the state row (the
   * common in-order case); others, after an outage or out-of-order arrival, from the table.
   */
  private async loadNeighbours(
    manager: EntityManager,
    vehicleId: string,
    newPoints: TrackPoint[],
    known: Map<number, TrackPoint>,
    consumed: [number, number][],
    state: StateRow | undefined,
    zonesAt: (lat: number, lon: number) => string[],
  ): Promise<void> {
    if (state?.last_seq && state.last_ts) {
      const seq = Number(state.last_seq);
      known.set(seq, {
        seq,
        ts: state.last_ts.getTime(),
        lat: state.last_lat!,
        lon: state.last_lon!,
        mode: state.last_mode as ModeCode,
        zones: zonesAt(state.last_lat!, state.last_lon!),
      });
    }
    const wanted = new Set<number>();
    for (const { seq } of newPoints) {
      for (const neighbour of [seq - 1, seq + 1]) {
        if (neighbour >= 1 && !known.has(neighbour) && contains(consumed, neighbour))
          wanted.add(neighbour);
      }
    }
    if (wanted.size === 0) return;
    const rows = await manager.query<
      { seq: string; ts: Date; lat: number; lon: number; mode: number }[]
    >(
      'SELECT seq, ts, lat, lon, mode FROM telemetry_points WHERE vehicle_id = $1 AND seq = ANY($2::bigint[])',
      [vehicleId, [...wanted]],
    );
    for (const row of rows) {
      known.set(Number(row.seq), {
        seq: Number(row.seq),
        ts: row.ts.getTime(),
        lat: row.lat,
        lon: row.lon,
        mode: row.mode as ModeCode,
        zones: zonesAt(row.lat, row.lon),
      });
    }
  }

  private async insertPoints(
    manager: EntityManager,
    job: TelemetryBatchJob,
    fresh: number[],
  ): Promise<void> {
    const p = job.points;
    const pick = <T>(column: T[]): T[] => fresh.map((i) => column[i]);
    await manager.query(
      `INSERT INTO telemetry_points (vehicle_id, seq, ts, lat, lon, speed_kmh, heading_deg, odometer_km, mode, received_at)
       SELECT $1, u.seq, timestamptz 'epoch' + u.ts * interval '1 millisecond', u.lat, u.lon, u.speed, u.heading, u.odometer, u.mode,
              timestamptz 'epoch' + $10::bigint * interval '1 millisecond'
       FROM unnest($2::bigint[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float4[], $8::float8[], $9::int2[])
         AS u(seq, ts, lat, lon, speed, heading, odometer, mode)`,
      [
        job.vehicleId,
        pick(p.seq),
        pick(p.ts),
        pick(p.lat),
        pick(p.lon),
        pick(p.speedKmh),
        pick(p.headingDeg),
        pick(p.odometerKm),
        pick(p.mode),
        job.receivedAt,
      ],
    );
  }

  /** Consumed seqs, watermark, and the latest point when this batch holds a newer one. */
  private async saveState(
    manager: EntityManager,
    job: TelemetryBatchJob,
    fresh: number[],
    consumed: string,
    persistedThroughSeq: number,
  ): Promise<void> {
    const p = job.points;
    let latest = -1;
    for (const i of fresh) if (latest < 0 || p.seq[i] > p.seq[latest]) latest = i;
    const last = latest < 0 ? null : latest;
    await manager.query(
      `INSERT INTO vehicle_telemetry_state AS s (vehicle_id, consumed, persisted_through_seq, points_stored, last_seq, last_ts, last_lat, last_lon,
          last_speed_kmh, last_heading_deg, last_odometer_km, last_mode, last_received_at, updated_at)
       VALUES ($1, $2::int8multirange, $3, $4, $5, timestamptz 'epoch' + $6::bigint * interval '1 millisecond', $7, $8, $9, $10, $11, $12,
          timestamptz 'epoch' + $13::bigint * interval '1 millisecond', now())
       ON CONFLICT (vehicle_id) DO UPDATE SET
         consumed = excluded.consumed,
         persisted_through_seq = excluded.persisted_through_seq,
         points_stored = s.points_stored + excluded.points_stored,
         updated_at = now(),
         last_seq = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_seq ELSE s.last_seq END,
         last_ts = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_ts ELSE s.last_ts END,
         last_lat = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_lat ELSE s.last_lat END,
         last_lon = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_lon ELSE s.last_lon END,
         last_speed_kmh = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_speed_kmh ELSE s.last_speed_kmh END,
         last_heading_deg = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_heading_deg ELSE s.last_heading_deg END,
         last_odometer_km = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_odometer_km ELSE s.last_odometer_km END,
         last_mode = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_mode ELSE s.last_mode END,
         last_received_at = CASE WHEN excluded.last_seq > coalesce(s.last_seq, 0) THEN excluded.last_received_at ELSE s.last_received_at END`,
      [
        job.vehicleId,
        consumed,
        persistedThroughSeq,
        fresh.length,
        last === null ? null : p.seq[last],
        last === null ? null : p.ts[last],
        last === null ? null : p.lat[last],
        last === null ? null : p.lon[last],
        last === null ? null : p.speedKmh[last],
        last === null ? null : p.headingDeg[last],
        last === null ? null : p.odometerKm[last],
        last === null ? null : p.mode[last],
        job.receivedAt,
      ],
    );
  }

  private async saveDeltas(
    manager: EntityManager,
    vehicleId: string,
    deltas: BatchDeltas,
  ): Promise<void> {
    if (deltas.daily.size > 0) {
      const days = [...deltas.daily.entries()];
      const col = (key: keyof (typeof days)[number][1]) => days.map(([, d]) => d[key]);
      await manager.query(
        `INSERT INTO vehicle_daily_stats AS d (vehicle_id, day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms, points, position_jumps, quality_events)
         SELECT $1, u.* FROM unnest($2::date[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::int8[], $10::int4[], $11::int4[]) AS u
         ON CONFLICT (vehicle_id, day) DO UPDATE SET
           autonomous_mm = d.autonomous_mm + excluded.autonomous_mm, manual_mm = d.manual_mm + excluded.manual_mm, remote_mm = d.remote_mm + excluded.remote_mm,
           autonomous_ms = d.autonomous_ms + excluded.autonomous_ms, manual_ms = d.manual_ms + excluded.manual_ms, remote_ms = d.remote_ms + excluded.remote_ms,
           points = d.points + excluded.points, position_jumps = d.position_jumps + excluded.position_jumps, quality_events = d.quality_events + excluded.quality_events`,
        [
          vehicleId,
          days.map(([day]) => day),
          col('autonomousMm'),
          col('manualMm'),
          col('remoteMm'),
          col('autonomousMs'),
          col('manualMs'),
          col('remoteMs'),
          col('points'),
          col('positionJumps'),
          col('qualityEvents'),
        ],
      );
    }
    if (deltas.zoneDaily.size > 0) {
      const rows = [...deltas.zoneDaily.entries()].map(([key, totals]) => ({
        zone: key.slice(0, key.indexOf('|')),
        day: key.slice(key.indexOf('|') + 1),
        ...totals,
      }));
      await manager.query(
        `INSERT INTO vehicle_zone_daily_stats AS z (vehicle_id, zone_id, day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms)
         SELECT $1, u.* FROM unnest($2::uuid[], $3::date[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::int8[]) AS u
         ON CONFLICT (vehicle_id, zone_id, day) DO UPDATE SET
           autonomous_mm = z.autonomous_mm + excluded.autonomous_mm, manual_mm = z.manual_mm + excluded.manual_mm, remote_mm = z.remote_mm + excluded.remote_mm,
           autonomous_ms = z.autonomous_ms + excluded.autonomous_ms, manual_ms = z.manual_ms + excluded.manual_ms, remote_ms = z.remote_ms + excluded.remote_ms`,
        [
          vehicleId,
          rows.map((r) => r.zone),
          rows.map((r) => r.day),
          rows.map((r) => r.autonomousMm),
          rows.map((r) => r.manualMm),
          rows.map((r) => r.remoteMm),
          rows.map((r) => r.autonomousMs),
          rows.map((r) => r.manualMs),
          rows.map((r) => r.remoteMs),
        ],
      );
    }
    if (deltas.takeovers.length > 0) {
      const t = deltas.takeovers;
      await manager.query(
        `INSERT INTO takeovers (vehicle_id, seq, ts, from_mode, to_mode, lat, lon)
         SELECT $1, u.seq, timestamptz 'epoch' + u.ts * interval '1 millisecond', u.from_mode, u.to_mode, u.lat, u.lon
         FROM unnest($2::bigint[], $3::bigint[], $4::int2[], $5::int2[], $6::float8[], $7::float8[]) AS u(seq, ts, from_mode, to_mode, lat, lon)
         ON CONFLICT (vehicle_id, seq) DO NOTHING`,
        [
          vehicleId,
          t.map((x) => x.seq),
          t.map((x) => x.ts),
          t.map((x) => x.fromMode),
          t.map((x) => x.toMode),
          t.map((x) => x.lat),
          t.map((x) => x.lon),
        ],
      );
    }
  }
}
