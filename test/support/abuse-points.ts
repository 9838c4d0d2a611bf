import fc from 'fast-check';

/**
 * Generated telemetry requests for the fuzz, and what each must do. The generator knows by
 * construction whether each point is valid and why not, so the oracle never re-implements the
 * protocol's checks: it only tracks which seqs are fresh, which were seen in the request, and
 * which are stored.
 */

const MODES = ['AUTONOMOUS', 'MANUAL', 'REMOTE'] as const;
const DAY = 86_400_000;
const REQUIRED = ['ts', 'lat', 'lon', 'speedKmh', 'headingDeg', 'mode'] as const;
const FIELDS = new Set<string>(['seq', ...REQUIRED, 'odometerKm']);

/** The content of a valid point, apart from its seq. */
export interface Content {
  tsAgoMs: number;
  tsForm: 'epoch' | 'utc' | 'offset';
  lat: number;
  lon: number;
  speedKmh: number;
  headingDeg: number;
  odometerKm: number | null | undefined;
  mode: (typeof MODES)[number];
}

/** How a point with a usable seq is spoiled: one value replaced, a required field left out, or a field added. */
export type Spoil =
  | { set: (typeof REQUIRED)[number] | 'odometerKm'; value: unknown }
  | { drop: (typeof REQUIRED)[number] }
  | { extra: string; value: unknown }
  | { tsAheadMs: number }
  | { tsBehindMs: number };

export type PointShape =
  /** Valid, with a fresh seq: stored. */
  | { kind: 'valid'; content: Content }
  /** A fresh seq and a bad value: rejected, its seq consumed, nothing stored. */
  | { kind: 'spoiled'; content: Content; spoil: Spoil }
  /** No usable seq: rejected, nothing consumed. */
  | { kind: 'bad-seq'; content: Content; seq: unknown }
  | { kind: 'not-an-object'; value: unknown }
  /** The seq of an earlier point of the same request, other content: rejected as a duplicate. */
  | { kind: 'same-request-duplicate'; content: Content }
  /** The seq of a point already stored, other valid content: accepted, then dropped by the worker. */
  | { kind: 'resend'; content: Content; pick: number };

export type RequestShape =
  | { kind: 'points'; points: PointShape[] }
  /** Refused as a whole (400): nothing in it may be taken. */
  | { kind: 'refused'; body: 'array' | 'scalar' | 'no-points' | 'points-not-array' | 'extra-field'; points: Content[] };

const content: fc.Arbitrary<Content> = fc.record({
  // Well inside the 7-day resend window, so a slow run never pushes a point out of it.
  tsAgoMs: fc.integer({ min: 0, max: 6 * DAY }),
  tsForm: fc.constantFrom('epoch' as const, 'utc' as const, 'offset' as const),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  speedKmh: fc.double({ min: 0, max: 400, noNaN: true }),
  headingDeg: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }),
  odometerKm: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: undefined, freq: 3 }),
  mode: fc.constantFrom(...MODES),
});

const notNumbers = fc.constantFrom<unknown>('22.7', '', null, true, false, [], {}, [1], { value: 1 });
const beyond = (limit: number) =>
  fc.oneof(
    fc.double({ min: limit, minExcluded: true, max: 1e308, noNaN: true }),
    fc.double({ min: -1e308, max: -limit, maxExcluded: true, noNaN: true }),
    notNumbers,
  );
const negative = fc.oneof(fc.double({ min: -1e308, max: -1e-9, noNaN: true }), notNumbers);
/** Names `mode in Mode` would find on any object's prototype. */
const PROTOTYPE_NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf'];

const spoil: fc.Arbitrary<Spoil> = fc.oneof(
  fc.record({ set: fc.constant('lat' as const), value: beyond(90) }),
  fc.record({ set: fc.constant('lon' as const), value: beyond(180) }),
  fc.record({ set: fc.constant('speedKmh' as const), value: negative }),
  fc.record({
    set: fc.constant('headingDeg' as const),
    value: fc.oneof(fc.double({ min: 360, max: 1e308, noNaN: true }), negative),
  }),
  // null is an odometer's way of saying "none".
  fc.record({
    set: fc.constant('odometerKm' as const),
    value: fc.oneof(
      negative.filter((v) => v !== null),
      fc.constant(true),
    ),
  }),
  fc.record({
    set: fc.constant('mode' as const),
    value: fc.oneof(
      fc.constantFrom<unknown>(...PROTOTYPE_NAMES, 'autonomous', 'AUTONOMOUS ', 'AUTO', 1, null, ['MANUAL']),
      fc.string({ maxLength: 12 }).filter((s) => !(MODES as readonly string[]).includes(s)),
    ),
  }),
  fc.record({
    set: fc.constant('ts' as const),
    value: fc.oneof(
      fc.constantFrom<unknown>(
        '2026-02-30T00:00:00Z',
        '2026-11-20T08:15:03',
        'yesterday',
        '',
        -1,
        1e20,
        1.5,
        null,
        true,
        {},
        'x'.repeat(41),
      ),
      fc.string({ maxLength: 30 }),
    ),
  }),
  fc.record({ drop: fc.constantFrom(...REQUIRED) }),
  fc.record({
    extra: fc.string({ maxLength: 12 }).filter((key) => !FIELDS.has(key)),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ tsAheadMs: fc.integer({ min: 120_000, max: 3650 * DAY }) }),
  fc.record({ tsBehindMs: fc.integer({ min: 8 * DAY, max: 20_000 * DAY }) }),
);

const badSeq = fc.constantFrom<unknown>(0, -1, -1e308, 1.5, 2 ** 53, 1e300, '7', null, true, [], {}, undefined);

const point: fc.Arbitrary<PointShape> = fc.oneof(
  { weight: 30, arbitrary: content.map((c) => ({ kind: 'valid' as const, content: c })) },
  { weight: 35, arbitrary: fc.record({ kind: fc.constant('spoiled' as const), content, spoil }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('bad-seq' as const), content, seq: badSeq }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('not-an-object' as const),
      value: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
    }),
  },
  { weight: 10, arbitrary: content.map((c) => ({ kind: 'same-request-duplicate' as const, content: c })) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('resend' as const), content, pick: fc.nat() }) },
);

export const telemetryRequest: fc.Arbitrary<RequestShape> = fc.oneof(
  {
    weight: 92,
    arbitrary: fc.record({ kind: fc.constant('points' as const), points: fc.array(point, { maxLength: 8 }) }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('refused' as const),
      body: fc.constantFrom(
        'array' as const,
        'scalar' as const,
        'no-points' as const,
        'points-not-array' as const,
        'extra-field' as const,
      ),
      points: fc.array(content, { minLength: 1, maxLength: 3 }),
    }),
  },
);

/** A stored point as the database returns it and as the oracle expects it. */
export interface StoredPoint {
  ts: number;
  lat: number;
  lon: number;
  speedKmh: number;
  headingDeg: number;
  odometerKm: number | null;
  mode: string;
}

/** What the oracle knows of one vehicle: the next fresh seq, what is stored, and how far it is durable. */
export class VehicleModel {
  nextSeq = 1;
  readonly stored = new Map<number, StoredPoint>();
  /** The last persistedThroughSeq the API reported: only seqs up to it are known to be in the database. */
  durableThrough = 0;
  /** Seqs given to points inside requests refused as a whole; never consumed, never stored. */
  private refusedSeq = 1_000_000_000_000;

  constructor(readonly vehicleId: string) {}

  fresh(): number {
    return this.nextSeq++;
  }

  refusedOnly(): number {
    return this.refusedSeq++;
  }
}

function wireTs(c: Content, now: number, offsetMs = -c.tsAgoMs): string | number {
  const ms = now + offsetMs;
  if (c.tsForm === 'epoch') return ms;
  if (c.tsForm === 'utc') return new Date(ms).toISOString();
  return new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

function wire(c: Content, seq: unknown, now: number): Record<string, unknown> {
  const p: Record<string, unknown> = {
    seq,
    ts: wireTs(c, now),
    lat: c.lat,
    lon: c.lon,
    speedKmh: c.speedKmh,
    headingDeg: c.headingDeg,
    mode: c.mode,
  };
  if (c.odometerKm !== undefined) p.odometerKm = c.odometerKm;
  return p;
}

/** A number as JSON carries it: JSON.stringify writes -0 as 0. */
const json = (n: number): number => n + 0;

function storedOf(c: Content, now: number): StoredPoint {
  return {
    ts: now - c.tsAgoMs,
    lat: json(c.lat),
    lon: json(c.lon),
    speedKmh: json(c.speedKmh),
    // The column is float4.
    headingDeg: Math.fround(json(c.headingDeg)),
    odometerKm: c.odometerKm === undefined || c.odometerKm === null ? null : json(c.odometerKm),
    mode: c.mode,
  };
}

function spoiled(c: Content, seq: number, s: Spoil, now: number): Record<string, unknown> {
  const p = wire(c, seq, now);
  if ('set' in s) p[s.set] = s.value;
  else if ('drop' in s) delete p[s.drop];
  else if ('extra' in s) Object.defineProperty(p, s.extra, { value: s.value, enumerable: true });
  else if ('tsAheadMs' in s) p.ts = wireTs(c, now, s.tsAheadMs);
  else p.ts = wireTs(c, now, -s.tsBehindMs);
  return p;
}

export interface Expectation {
  status: 202 | 400;
  accepted: number;
  rejectedIndexes: number[];
  /** Points the request will add to the vehicle's stored set (fresh valid ones). */
  stores: Map<number, StoredPoint>;
}

/** The JSON body of a generated request and what the platform must answer and store. */
export function materialise(
  shape: RequestShape,
  model: VehicleModel,
  now: number,
): { body: unknown; expect: Expectation } {
  const stores = new Map<number, StoredPoint>();
  if (shape.kind === 'refused') {
    const points = shape.points.map((c) => wire(c, model.refusedOnly(), now));
    const body = {
      array: points,
      scalar: 'points',
      'no-points': { point: points[0] },
      'points-not-array': { points: points[0] },
      'extra-field': { points, vehicleId: model.vehicleId },
    }[shape.body];
    return { body, expect: { status: 400, accepted: 0, rejectedIndexes: [], stores } };
  }
  const seen: number[] = [];
  const durable = [...model.stored.keys()].filter((seq) => seq <= model.durableThrough);
  const rejectedIndexes: number[] = [];
  let accepted = 0;
  const points = shape.points.map((p, index): unknown => {
    switch (p.kind) {
      case 'valid': {
        const seq = model.fresh();
        seen.push(seq);
        accepted += 1;
        stores.set(seq, storedOf(p.content, now));
        return wire(p.content, seq, now);
      }
      case 'spoiled': {
        const seq = model.fresh();
        seen.push(seq);
        rejectedIndexes.push(index);
        return spoiled(p.content, seq, p.spoil, now);
      }
      case 'bad-seq': {
        rejectedIndexes.push(index);
        const bad = wire(p.content, p.seq, now);
        if (p.seq === undefined) delete bad.seq;
        return bad;
      }
      case 'not-an-object':
        rejectedIndexes.push(index);
        return p.value;
      case 'same-request-duplicate': {
        if (seen.length === 0) {
          const seq = model.fresh();
          seen.push(seq);
          accepted += 1;
          stores.set(seq, storedOf(p.content, now));
          return wire(p.content, seq, now);
        }
        rejectedIndexes.push(index);
        return wire(p.content, seen[index % seen.length], now);
      }
      case 'resend': {
        if (durable.length === 0) {
          const seq = model.fresh();
          seen.push(seq);
          accepted += 1;
          stores.set(seq, storedOf(p.content, now));
          return wire(p.content, seq, now);
        }
        const seq = durable[p.pick % durable.length];
        if (seen.includes(seq)) rejectedIndexes.push(index);
        else accepted += 1;
        seen.push(seq);
        return wire(p.content, seq, now);
      }
    }
  });
  return { body: { points }, expect: { status: 202, accepted, rejectedIndexes, stores } };
}
