import { Injectable, Optional } from '@nestjs/common';
import { type JobPayload, PgPool, RedisEvents } from '@app/core';
import {
  ALERTS_CHANNEL,
  STORED_ALERT_RETURNING,
  type CheckedPoint,
  type ComplianceFinding,
  type StoredAlert,
  TelemetryCompliance,
} from './compliance.port';
import { type ModeCode } from './protocol';
import { type BatchDeltas, dayFormatter, deltasForNewPoints, type TrackPoint } from './segments';
import { addSeqs, contains, formatMultirange, parseMultirange, type SeqRanges, watermarkOf } from './seq-ranges';
import { WatermarkStore } from './watermark.store';
import { ZoneIndexProvider } from './zone-index.provider';

export type TelemetryBatchJob = JobPayload<'telemetry.persist'>;

export interface PersistResult {
  stored: number;
  duplicates: number;
  persistedThroughSeq: number;
}

interface StateRow {
  version: string;
  consumed: string;
  last_seq: string | null;
  last_ts: Date | null;
  last_lat: number | null;
  last_lon: number | null;
  last_mode: number | null;
}

const epoch = (param: string): string => `timestamptz 'epoch' + ${param} * interval '1 millisecond'`;

const READ_STATE = `SELECT version, consumed::text AS consumed, last_seq, last_ts, last_lat, last_lon, last_mode
  FROM vehicle_telemetry_state WHERE vehicle_id = $1`;

/** Attempts before a batch that keeps losing to concurrent batches of its vehicle is retried by BullMQ. */
const MAX_ATTEMPTS = 10;
/** Vehicles whose state this worker remembers between batches. */
const STATE_CACHE_MAX = 100_000;

const NEIGHBOURS = `SELECT seq, ts, lat, lon, mode FROM telemetry_points WHERE vehicle_id = $1 AND seq = ANY($2::bigint[])`;

const newer = (column: string, param: string): string =>
  `${column} = CASE WHEN $6::bigint > coalesce(s.last_seq, 0) THEN ${param} ELSE s.${column} END`;

/**
 * Everything a batch writes, in one statement (data-modifying CTEs): the vehicle's state (consumed
 * seqs, watermark, latest point) if its version is still the one read ($46), and only then the
 * points, daily and zone aggregates, takeovers and compliance alerts (opened once per vehicle and
 * type, then updated while the condition lasts). Returns the number of state rows updated: 0
 * means a concurrent batch of the same vehicle won, nothing was written, and the batch is redone.
 */
const WRITE_BATCH = `
WITH state AS (
  UPDATE vehicle_telemetry_state s SET
    version = s.version + 1,
    consumed = $3::int8multirange,
    persisted_through_seq = $4,
    points_stored = s.points_stored + $5,
    updated_at = now(),
    ${newer('last_ts', epoch('$7::bigint'))},
    ${newer('last_lat', '$16')},
    ${newer('last_lon', '$17')},
    ${newer('last_speed_kmh', '$18')},
    ${newer('last_heading_deg', '$19')},
    ${newer('last_odometer_km', '$20')},
    ${newer('last_mode', '$21')},
    ${newer('last_received_at', epoch('$2::bigint'))},
    ${newer('last_seq', '$6')}
  WHERE s.vehicle_id = $1 AND s.version = $46
  RETURNING 1
), points AS (
  INSERT INTO telemetry_points (vehicle_id, seq, ts, lat, lon, speed_kmh, heading_deg, odometer_km, mode, received_at)
  SELECT $1, u.seq, ${epoch('u.ts')}, u.lat, u.lon, u.speed, u.heading, u.odometer, u.mode, ${epoch('$2::bigint')}
  FROM unnest($8::bigint[], $9::bigint[], $10::float8[], $11::float8[], $12::float8[], $13::float4[], $14::float8[], $15::int2[])
    AS u(seq, ts, lat, lon, speed, heading, odometer, mode)
  WHERE EXISTS (SELECT 1 FROM state)
), daily AS (
  INSERT INTO vehicle_daily_stats AS d (vehicle_id, day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms, points, position_jumps, quality_events)
  SELECT $1, u.* FROM unnest($22::date[], $23::int8[], $24::int8[], $25::int8[], $26::int8[], $27::int8[], $28::int8[], $29::int8[], $30::int4[], $31::int4[]) AS u
  WHERE EXISTS (SELECT 1 FROM state)
  ON CONFLICT (vehicle_id, day) DO UPDATE SET
    autonomous_mm = d.autonomous_mm + excluded.autonomous_mm, manual_mm = d.manual_mm + excluded.manual_mm, remote_mm = d.remote_mm + excluded.remote_mm,
    autonomous_ms = d.autonomous_ms + excluded.autonomous_ms, manual_ms = d.manual_ms + excluded.manual_ms, remote_ms = d.remote_ms + excluded.remote_ms,
    points = d.points + excluded.points, position_jumps = d.position_jumps + excluded.position_jumps, quality_events = d.quality_events + excluded.quality_events
), zones AS (
  INSERT INTO vehicle_zone_daily_stats AS z (vehicle_id, zone_id, day, autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms)
  SELECT $1, u.* FROM unnest($32::uuid[], $33::date[], $34::int8[], $35::int8[], $36::int8[], $37::int8[], $38::int8[], $39::int8[]) AS u
  WHERE EXISTS (SELECT 1 FROM state)
  ON CONFLICT (vehicle_id, zone_id, day) DO UPDATE SET
    autonomous_mm = z.autonomous_mm + excluded.autonomous_mm, manual_mm = z.manual_mm + excluded.manual_mm, remote_mm = z.remote_mm + excluded.remote_mm,
    autonomous_ms = z.autonomous_ms + excluded.autonomous_ms, manual_ms = z.manual_ms + excluded.manual_ms, remote_ms = z.remote_ms + excluded.remote_ms
), takeovers AS (
  INSERT INTO takeovers (vehicle_id, seq, ts, from_mode, to_mode, lat, lon)
  SELECT $1, u.seq, ${epoch('u.ts')}, u.from_mode, u.to_mode, u.lat, u.lon
  FROM unnest($40::bigint[], $41::bigint[], $42::int2[], $43::int2[], $44::float8[], $45::float8[]) AS u(seq, ts, from_mode, to_mode, lat, lon)
  WHERE EXISTS (SELECT 1 FROM state)
  ON CONFLICT (vehicle_id, seq) DO NOTHING
), alerts AS (
  INSERT INTO alerts AS a (vehicle_id, enterprise_id, jurisdiction_code, permit_id, type, severity, rule_id, message, first_seen, last_seen, point_count, late)
  SELECT $1, v.enterprise_id, v.jurisdiction_code, u.permit_id, u.type, u.severity, u.rule_id, u.message::jsonb,
         ${epoch('u.first_seen')}, ${epoch('u.last_seen')}, u.points, u.late
  FROM unnest($47::text[], $48::text[], $49::text[], $50::uuid[], $51::text[], $52::bigint[], $53::bigint[], $54::int[], $55::bool[])
    AS u(type, severity, rule_id, permit_id, message, first_seen, last_seen, points, late)
  JOIN vehicles v ON v.id = $1
  WHERE EXISTS (SELECT 1 FROM state)
  ON CONFLICT (vehicle_id, type) WHERE status <> 'RESOLVED' AND incident_id IS NULL DO UPDATE SET
    first_seen = least(a.first_seen, excluded.first_seen), last_seen = greatest(a.last_seen, excluded.last_seen),
    point_count = a.point_count + excluded.point_count, late = a.late OR excluded.late, updated_at = now()
  RETURNING ${STORED_ALERT_RETURNING}
)
SELECT (SELECT count(*)::int FROM state) AS applied, (SELECT coalesce(json_agg(alerts), '[]'::json) FROM alerts) AS alerts`;

/**
 * Persists one telemetry batch: read the vehicle's state row, read stored neighbours if the batch
 * needs them, then one atomic statement writes state, points, aggregates and takeovers, provided
 * the state row is unchanged since it was read (optimistic concurrency). Otherwise the batch is
 * recomputed against the new state, so a batch delivered twice, even to two workers at once, is
 * stored and counted once. Two round trips in the common case, no explicit transaction.
 */
@Injectable()
export class TelemetryWriter {
  /**
   * The state this worker last wrote per vehicle. A stale entry is harmless: the write's version
   * check fails, the state is re-read and the batch recomputed. In the common case (one worker
   * sees a vehicle's consecutive batches) it saves the read, so a batch costs one round trip.
   */
  private readonly states = new Map<string, StateRow>();

  constructor(
    private readonly pg: PgPool,
    private readonly zoneIndex: ZoneIndexProvider,
    private readonly watermarks: WatermarkStore,
    private readonly events: RedisEvents,
    @Optional() private readonly compliance?: TelemetryCompliance,
  ) {}

  async persist(job: TelemetryBatchJob): Promise<PersistResult> {
    const { index, timezoneOf } = await this.zoneIndex.current();
    const zonesAt = (lat: number, lon: number): string[] => index.zonesAt(job.jurisdictionCode, lat, lon);
    const dayOfPoint = dayFormatter(timezoneOf(job.jurisdictionCode));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const cached = attempt === 1 ? this.states.get(job.vehicleId) : undefined;
      const state = cached ?? (await this.readState(job.vehicleId));
      const consumed = parseMultirange(state.consumed);
      const { points } = job;
      const fresh: number[] = [];
      for (let i = 0; i < points.seq.length; i += 1) if (!contains(consumed, points.seq[i])) fresh.push(i);
      const newPoints: CheckedPoint[] = fresh.map((i) => ({
        seq: points.seq[i],
        ts: points.ts[i],
        lat: points.lat[i],
        lon: points.lon[i],
        speedKmh: points.speedKmh[i],
        mode: points.mode[i] as ModeCode,
        zones: zonesAt(points.lat[i], points.lon[i]),
      }));
      const known = new Map(newPoints.map((p) => [p.seq, p]));
      await this.loadNeighbours(job.vehicleId, newPoints, known, consumed, state, zonesAt);
      const deltas = deltasForNewPoints(newPoints, (seq) => known.get(seq), dayOfPoint);
      const ranges = addSeqs(consumed, [...newPoints.map((p) => p.seq), ...job.rejectedSeqs]);
      const persistedThroughSeq = watermarkOf(ranges);
      const written: WrittenBatch = { fresh, latest: latestOf(points.seq, fresh), consumed: formatMultirange(ranges) };
      const findings = await this.findings(job, newPoints, deltas);
      const [{ applied, alerts }] = await this.pg.query<{ applied: number; alerts: StoredAlert[] }>(
        'telemetry-write-batch',
        WRITE_BATCH,
        [...writeParameters(job, written, persistedThroughSeq, deltas), state.version, ...alertParameters(findings)],
      );
      if (applied === 1) {
        this.remember(job, state, written);
        await this.watermarks.advance(job.vehicleId, persistedThroughSeq);
        await this.publish(alerts);
        return {
          stored: newPoints.length,
          duplicates: points.seq.length - newPoints.length,
          persistedThroughSeq,
        };
      }
    }
    throw new Error(
      `telemetry batch for vehicle ${job.vehicleId} lost ${MAX_ATTEMPTS} races in a row; BullMQ will retry it`,
    );
  }

  private async findings(
    job: TelemetryBatchJob,
    newPoints: CheckedPoint[],
    deltas: BatchDeltas,
  ): Promise<ComplianceFinding[]> {
    if (!this.compliance || newPoints.length === 0) return [];
    let positionJumps = 0;
    for (const day of deltas.daily.values()) positionJumps += day.positionJumps;
    return this.compliance.findings({
      vehicleId: job.vehicleId,
      jurisdictionCode: job.jurisdictionCode,
      receivedAt: job.receivedAt,
      points: newPoints,
      positionJumps,
    });
  }

  /** Live subscribers (the regulators' alert stream) hear of new and updated alerts; best effort. */
  private async publish(alerts: StoredAlert[]): Promise<void> {
    if (alerts.length > 0) await this.events.publish(ALERTS_CHANNEL, JSON.stringify(alerts));
  }

  /** The state row as the write just left it. */
  private remember(job: TelemetryBatchJob, before: StateRow, { latest: last, consumed }: WrittenBatch): void {
    const p = job.points;
    const newer = last !== null && p.seq[last] > Number(before.last_seq ?? 0);
    if (this.states.size >= STATE_CACHE_MAX) this.states.clear();
    this.states.set(job.vehicleId, {
      version: String(Number(before.version) + 1),
      consumed,
      last_seq: newer ? String(p.seq[last]) : before.last_seq,
      last_ts: newer ? new Date(p.ts[last]) : before.last_ts,
      last_lat: newer ? p.lat[last] : before.last_lat,
      last_lon: newer ? p.lon[last] : before.last_lon,
      last_mode: newer ? p.mode[last] : before.last_mode,
    });
  }

  private async readState(vehicleId: string): Promise<StateRow> {
    const [state] = await this.pg.query<StateRow>('telemetry-read-state', READ_STATE, [vehicleId]);
    if (state) return state;
    // First batch of this vehicle: create its row (a concurrent first batch may win either way).
    await this.pg.query(
      'telemetry-create-state',
      'INSERT INTO vehicle_telemetry_state (vehicle_id) VALUES ($1) ON CONFLICT DO NOTHING',
      [vehicleId],
    );
    return (await this.pg.query<StateRow>('telemetry-read-state', READ_STATE, [vehicleId]))[0];
  }

  /**
   * Stored neighbours (seq ± 1) of the new points: the latest point comes from the state row (the
   * common in-order case); others, after an outage or out-of-order arrival, from the table.
   */
  private async loadNeighbours(
    vehicleId: string,
    newPoints: TrackPoint[],
    known: Map<number, TrackPoint>,
    consumed: SeqRanges,
    state: StateRow,
    zonesAt: (lat: number, lon: number) => string[],
  ): Promise<void> {
    if (state.last_seq && state.last_ts) {
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
        if (neighbour >= 1 && !known.has(neighbour) && contains(consumed, neighbour)) wanted.add(neighbour);
      }
    }
    if (wanted.size === 0) return;
    const rows = await this.pg.query<{
      seq: string;
      ts: Date;
      lat: number;
      lon: number;
      mode: number;
    }>('telemetry-neighbours', NEIGHBOURS, [vehicleId, [...wanted]]);
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
}

/** What one write attempt stores: which points are new, the newest of them, the consumed seqs. */
interface WrittenBatch {
  /** Indexes into the job's columns of the points not stored before. */
  fresh: number[];
  /** Index of the new point with the highest seq, or null when none is new. */
  latest: number | null;
  /** The vehicle's consumed seqs after this batch, as a multirange literal. */
  consumed: string;
}

function latestOf(seqs: number[], fresh: number[]): number | null {
  let latest: number | null = null;
  for (const i of fresh) if (latest === null || seqs[i] > seqs[latest]) latest = i;
  return latest;
}

function alertParameters(findings: ComplianceFinding[]): unknown[] {
  return [
    findings.map((f) => f.type),
    findings.map((f) => f.severity),
    findings.map((f) => f.ruleId),
    findings.map((f) => f.permitId),
    findings.map((f) => JSON.stringify(f.message)),
    findings.map((f) => f.firstSeen),
    findings.map((f) => f.lastSeen),
    findings.map((f) => f.points),
    findings.map((f) => f.late),
  ];
}

function writeParameters(
  job: TelemetryBatchJob,
  { fresh, latest: last, consumed }: WrittenBatch,
  persistedThroughSeq: number,
  deltas: BatchDeltas,
): unknown[] {
  const p = job.points;
  const pick = <T>(column: T[]): T[] => fresh.map((i) => column[i]);
  const at = <T>(column: T[]): T | null => (last === null ? null : column[last]);
  const days = [...deltas.daily.entries()];
  const day = <K extends keyof (typeof days)[number][1]>(key: K) => days.map(([, d]) => d[key]);
  const zones = [...deltas.zoneDaily.entries()].map(([key, totals]) => ({
    zone: key.slice(0, key.indexOf('|')),
    day: key.slice(key.indexOf('|') + 1),
    ...totals,
  }));
  const t = deltas.takeovers;
  return [
    job.vehicleId,
    job.receivedAt,
    consumed,
    persistedThroughSeq,
    fresh.length,
    at(p.seq) ?? 0,
    at(p.ts),
    pick(p.seq),
    pick(p.ts),
    pick(p.lat),
    pick(p.lon),
    pick(p.speedKmh),
    pick(p.headingDeg),
    pick(p.odometerKm),
    pick(p.mode),
    at(p.lat),
    at(p.lon),
    at(p.speedKmh),
    at(p.headingDeg),
    at(p.odometerKm),
    at(p.mode),
    days.map(([d]) => d),
    day('autonomousMm'),
    day('manualMm'),
    day('remoteMm'),
    day('autonomousMs'),
    day('manualMs'),
    day('remoteMs'),
    day('points'),
    day('positionJumps'),
    day('qualityEvents'),
    zones.map((z) => z.zone),
    zones.map((z) => z.day),
    zones.map((z) => z.autonomousMm),
    zones.map((z) => z.manualMm),
    zones.map((z) => z.remoteMm),
    zones.map((z) => z.autonomousMs),
    zones.map((z) => z.manualMs),
    zones.map((z) => z.remoteMs),
    t.map((x) => x.seq),
    t.map((x) => x.ts),
    t.map((x) => x.fromMode),
    t.map((x) => x.toMode),
    t.map((x) => x.lat),
    t.map((x) => x.lon),
  ];
}
