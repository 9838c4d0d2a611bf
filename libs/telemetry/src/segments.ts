import distance from '@turf/distance';
import { Mode, type ModeCode } from './protocol';

/**
 * Mileage and hours exactly as TELEMETRY.md defines them. Lengths are summed in integer
 * millimetres and durations in integer milliseconds, so totals are the same whatever the order
 * and batching of arrival (floating-point sums would differ in the last digits).
 */
export const MAX_SEGMENT_SPEED_KMH = 300;
export const MAX_DRIVING_GAP_MS = 60_000;

export interface TrackPoint {
  seq: number;
  ts: number;
  lat: number;
  lon: number;
  mode: ModeCode;
  /** Ids of the zones containing the point. */
  zones: readonly string[];
}

export interface ModeTotals {
  autonomousMm: number;
  manualMm: number;
  remoteMm: number;
  autonomousMs: number;
  manualMs: number;
  remoteMs: number;
}

export interface DailyTotals extends ModeTotals {
  points: number;
  positionJumps: number;
  /** Segments with a duration ≤ 0 but a length > 0. */
  qualityEvents: number;
}

export interface DetectedTakeover {
  seq: number;
  ts: number;
  fromMode: ModeCode;
  toMode: ModeCode;
  lat: number;
  lon: number;
}

/** What one batch of new points adds: per day, per zone and day, and the takeovers it reveals. */
export interface BatchDeltas {
  daily: Map<string, DailyTotals>;
  /** Key: `${zoneId}|${day}`. */
  zoneDaily: Map<string, ModeTotals>;
  takeovers: DetectedTakeover[];
}

export const zeroModeTotals = (): ModeTotals => ({
  autonomousMm: 0,
  manualMm: 0,
  remoteMm: 0,
  autonomousMs: 0,
  manualMs: 0,
  remoteMs: 0,
});
const zeroDaily = (): DailyTotals => ({
  ...zeroModeTotals(),
  points: 0,
  positionJumps: 0,
  qualityEvents: 0,
});

/** Great-circle distance in metres on the IUGG mean sphere (Turf's earth radius, 6,371,008.8 m). */
export function segmentLengthMeters(a: TrackPoint, b: TrackPoint): number {
  return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
}

type SegmentOutcome =
  | { kind: 'none' }
  | { kind: 'quality' }
  | { kind: 'jump' }
  | { kind: 'counted'; mm: number; drivingMs: number; mode: 'autonomous' | 'manual' | 'remote' };

export function classifySegment(a: TrackPoint, b: TrackPoint): SegmentOutcome {
  const meters = segmentLengthMeters(a, b);
  const durationMs = b.ts - a.ts;
  if (durationMs <= 0) return meters > 0 ? { kind: 'quality' } : { kind: 'none' };
  if ((meters / (durationMs / 1000)) * 3.6 > MAX_SEGMENT_SPEED_KMH) return { kind: 'jump' };
  const mode =
    a.mode === Mode.AUTONOMOUS && b.mode === Mode.AUTONOMOUS
      ? 'autonomous'
      : a.mode === Mode.REMOTE && b.mode === Mode.REMOTE
        ? 'remote'
        : 'manual';
  return {
    kind: 'counted',
    mm: Math.round(meters * 1000),
    drivingMs: durationMs <= MAX_DRIVING_GAP_MS ? durationMs : 0,
    mode,
  };
}

function addTo(totals: ModeTotals, outcome: Extract<SegmentOutcome, { kind: 'counted' }>): void {
  totals[`${outcome.mode}Mm`] += outcome.mm;
  totals[`${outcome.mode}Ms`] += outcome.drivingMs;
}

/**
 * Deltas for newly stored points. `at(seq)` finds any stored point, old or new. Every segment
 * (n−1, n) with at least one new end is counted exactly once: by its later end when that is new,
 * otherwise by its earlier end. Callers must serialise batches of one vehicle.
 */
export function deltasForNewPoints(
  newPoints: readonly TrackPoint[],
  at: (seq: number) => TrackPoint | undefined,
  dayOf: (ts: number) => string,
): BatchDeltas {
  const deltas: BatchDeltas = { daily: new Map(), zoneDaily: new Map(), takeovers: [] };
  const isNew = new Set(newPoints.map((p) => p.seq));
  const daily = (day: string): DailyTotals => {
    let totals = deltas.daily.get(day);
    if (!totals) deltas.daily.set(day, (totals = zeroDaily()));
    return totals;
  };
  const count = (a: TrackPoint, b: TrackPoint): void => {
    const day = dayOf(b.ts);
    if (a.mode === Mode.AUTONOMOUS && b.mode !== Mode.AUTONOMOUS) {
      deltas.takeovers.push({
        seq: b.seq,
        ts: b.ts,
        fromMode: a.mode,
        toMode: b.mode,
        lat: b.lat,
        lon: b.lon,
      });
    }
    const outcome = classifySegment(a, b);
    if (outcome.kind === 'quality') daily(day).qualityEvents += 1;
    if (outcome.kind === 'jump') daily(day).positionJumps += 1;
    if (outcome.kind !== 'counted') return;
    addTo(daily(day), outcome);
    for (const zone of a.zones) {
      if (!b.zones.includes(zone)) continue;
      const key = `${zone}|${day}`;
      let totals = deltas.zoneDaily.get(key);
      if (!totals) deltas.zoneDaily.set(key, (totals = zeroModeTotals()));
      addTo(totals, outcome);
    }
  };
  for (const point of newPoints) {
    daily(dayOf(point.ts)).points += 1;
    const previous = at(point.seq - 1);
    if (previous) count(previous, point);
    const next = at(point.seq + 1);
    if (next && !isNew.has(next.seq)) count(point, next);
  }
  return deltas;
}

type LocalClock = (ts: number) => { day: string; minutes: number };
/** One clock per time zone for the whole process, so its offset cache is shared by every caller. */
const clocks = new Map<string, LocalClock>();

/** Calendar day (YYYY-MM-DD) of an instant in a time zone (see localClock for the caching). */
export function dayFormatter(timeZone: string): (ts: number) => string {
  const clock = localClock(timeZone);
  return (ts) => clock(ts).day;
}

/**
 * Local calendar day and minute of the day of an instant in a time zone, with the zone's offset
 * cached per quarter hour of time.
 */
export function localClock(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = newLocalClock(timeZone)));
  return clock;
}

/** Zone offsets are whole quarter hours and change on quarter hours (UTC+5:30, +5:45, Lord Howe). */
const SLOT_MS = 15 * 60_000;

function newLocalClock(timeZone: string): LocalClock {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const offsets = new Map<number, number>();
  return (ts) => {
    const slot = Math.floor(ts / SLOT_MS);
    let offset = offsets.get(slot);
    if (offset === undefined) {
      const parts = Object.fromEntries(format.formatToParts(slot * SLOT_MS).map((p) => [p.type, p.value]));
      const wall = Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      );
      offset = wall - slot * SLOT_MS;
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(slot, offset);
    }
    const local = new Date(ts + offset);
    return { day: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
  };
}
