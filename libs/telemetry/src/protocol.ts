/**
 * The vehicle protocol (TELEMETRY.md, v1): request limits and per-point validation. Pure and
 * hand-written for speed: it runs on every point the API receives.
 */
export const MAX_POINTS_PER_REQUEST = 1000;
export const MAX_FUTURE_SKEW_MS = 60_000;

export const Mode = { MANUAL: 0, AUTONOMOUS: 1, REMOTE: 2 } as const;
export type ModeName = keyof typeof Mode;
export type ModeCode = (typeof Mode)[ModeName];
export const MODE_NAMES: readonly ModeName[] = ['MANUAL', 'AUTONOMOUS', 'REMOTE'];

/** Accepted points in columns: compact on the queue (no repeated keys) and ready for unnest(). */
export interface PointColumns {
  seq: number[];
  /** Epoch milliseconds (UTC). */
  ts: number[];
  lat: number[];
  lon: number[];
  speedKmh: number[];
  headingDeg: number[];
  odometerKm: (number | null)[];
  mode: ModeCode[];
}

export interface PointRejection {
  index: number;
  seq: number | null;
  reason: string;
}

export interface ParsedTelemetry {
  points: PointColumns;
  rejected: PointRejection[];
  /** Seqs of rejected points: they count as consumed for the watermark. */
  rejectedSeqs: number[];
}

/** The request as a whole is unusable: 400, and nothing is taken. */
export class MalformedTelemetryError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const POINT_FIELDS = new Set(['seq', 'ts', 'lat', 'lon', 'speedKmh', 'headingDeg', 'odometerKm', 'mode']);
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function emptyColumns(): PointColumns {
  return {
    seq: [],
    ts: [],
    lat: [],
    lon: [],
    speedKmh: [],
    headingDeg: [],
    odometerKm: [],
    mode: [],
  };
}

/** RFC 3339 with an offset, or integer epoch milliseconds; NaN when neither. */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
  if (typeof value !== 'string' || value.length > 40) return NaN;
  const match = RFC3339.exec(value);
  if (!match) return NaN;
  const [, date, time, fraction = '', offset] = match;
  const ms = Date.parse(`${date}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}${offset.toUpperCase()}`);
  // Date.parse rolls some impossible dates over; a round trip of the date part catches them.
  return Number.isNaN(ms) || !sameCalendarDate(date, ms, offset) ? NaN : ms;
}

function sameCalendarDate(date: string, ms: number, offset: string): boolean {
  const offsetMs =
    offset.toUpperCase() === 'Z'
      ? 0
      : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return new Date(ms + offsetMs).toISOString().slice(0, 10) === date;
}

/** What is wrong with a point whose `ts` parsed to `time` (NaN when it did not), or null. */
function pointProblem(
  point: Record<string, unknown>,
  time: number,
  now: number,
  oldest: number,
  windowDays: number,
): string | null {
  for (const key of Object.keys(point)) if (!POINT_FIELDS.has(key)) return `unknown field ${key}`;
  const { lat, lon, speedKmh, headingDeg, odometerKm, mode } = point;
  if (Number.isNaN(time)) return 'ts must be RFC 3339 with an offset or integer epoch milliseconds';
  if (time > now + MAX_FUTURE_SKEW_MS) return 'ts is more than 60 s in the future';
  if (time < oldest) return `ts is older than the resend window (${windowDays} days)`;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) return 'lat out of range';
  if (typeof lon !== 'number' || !(lon >= -180 && lon <= 180)) return 'lon out of range';
  if (typeof speedKmh !== 'number' || !Number.isFinite(speedKmh) || speedKmh < 0)
    return 'speedKmh must be a number ≥ 0';
  if (typeof headingDeg !== 'number' || !(headingDeg >= 0 && headingDeg < 360)) return 'headingDeg must be in [0, 360)';
  if (
    odometerKm !== undefined &&
    odometerKm !== null &&
    (typeof odometerKm !== 'number' || !Number.isFinite(odometerKm) || odometerKm < 0)
  ) {
    return 'odometerKm must be a number ≥ 0';
  }
  // Own keys only: `in` would also accept 'toString' or 'constructor' from the prototype.
  if (typeof mode !== 'string' || !Object.hasOwn(Mode, mode)) return 'mode must be AUTONOMOUS, MANUAL or REMOTE';
  return null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Splits a request into accepted points and per-point rejections. Throws MalformedTelemetryError
 * when the request itself is unusable (not an object, no `points` array, over the limit).
 */
export function parseTelemetryRequest(body: unknown, now: number, resendWindowMs: number): ParsedTelemetry {
  if (!isObject(body)) throw new MalformedTelemetryError('body', 'must be a JSON object with a points array');
  for (const key of Object.keys(body)) if (key !== 'points') throw new MalformedTelemetryError(key, 'unknown field');
  const raw = body.points;
  if (raw === undefined) throw new MalformedTelemetryError('points', 'is required');
  if (!Array.isArray(raw)) throw new MalformedTelemetryError('points', 'must be an array');
  if (raw.length > MAX_POINTS_PER_REQUEST)
    throw new MalformedTelemetryError(
      'points',
      `must hold at most ${MAX_POINTS_PER_REQUEST} points (got ${raw.length})`,
    );

  const oldest = now - resendWindowMs;
  const windowDays = Math.round(resendWindowMs / 86_400_000);
  const points = emptyColumns();
  const rejected: PointRejection[] = [];
  const rejectedSeqs: number[] = [];
  const seen = new Set<number>();
  raw.forEach((item: unknown, index) => {
    if (!isObject(item)) return void rejected.push({ index, seq: null, reason: 'point must be an object' });
    const seq = item.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      return void rejected.push({ index, seq: null, reason: 'seq must be an integer ≥ 1' });
    }
    if (seen.has(seq)) return void rejected.push({ index, seq, reason: 'duplicate seq in this request' });
    seen.add(seq);
    const time = parseTimestamp(item.ts);
    const problem = pointProblem(item, time, now, oldest, windowDays);
    if (problem) {
      rejected.push({ index, seq, reason: problem });
      rejectedSeqs.push(seq);
      return;
    }
    points.seq.push(seq);
    points.ts.push(time);
    points.lat.push(item.lat as number);
    points.lon.push(item.lon as number);
    points.speedKmh.push(item.speedKmh as number);
    // Stored as real (float4), which refuses values too small for it (1e-67): round as PostgreSQL would.
    points.headingDeg.push(Math.fround(item.headingDeg as number));
    points.odometerKm.push(typeof item.odometerKm === 'number' ? item.odometerKm : null);
    points.mode.push(Mode[item.mode as ModeName]);
  });
  return { points, rejected, rejectedSeqs };
}
