import fc from 'fast-check';
import { Mode, type ModeCode } from './protocol';
import {
  type BatchDeltas,
  classifySegment,
  dayFormatter,
  deltasForNewPoints,
  localClock,
  type TrackPoint,
} from './segments';

const dayOf = dayFormatter('Asia/Shanghai');
const at = (
  lat: number,
  lon: number,
  ts: number,
  seq: number,
  mode: ModeCode = Mode.AUTONOMOUS,
  zones: string[] = [],
): TrackPoint => ({
  seq,
  ts,
  lat,
  lon,
  mode,
  zones,
});

/** The worker's algorithm without the database: drop consumed seqs, store, count deltas. */
function ingest(store: Map<number, TrackPoint>, batch: TrackPoint[]): BatchDeltas {
  const fresh = new Map<number, TrackPoint>();
  for (const point of batch) if (!store.has(point.seq) && !fresh.has(point.seq)) fresh.set(point.seq, point);
  for (const point of fresh.values()) store.set(point.seq, point);
  return deltasForNewPoints([...fresh.values()], (seq) => store.get(seq), dayOf);
}

/** Sums deltas into plain sorted objects so that two runs can be compared with toEqual. */
function total(all: BatchDeltas[]): Record<string, unknown> {
  const sum = (into: Record<string, Record<string, number>>, key: string, values: object) => {
    const target = (into[key] ??= {});
    for (const [k, v] of Object.entries(values)) target[k] = (target[k] ?? 0) + (v as number);
  };
  const daily: Record<string, Record<string, number>> = {};
  const zones: Record<string, Record<string, number>> = {};
  const takeovers: number[] = [];
  for (const d of all) {
    d.daily.forEach((v, k) => sum(daily, k, v));
    d.zoneDaily.forEach((v, k) => sum(zones, k, v));
    takeovers.push(...d.takeovers.map((t) => t.seq));
  }
  return { daily, zones, takeovers: takeovers.sort((a, b) => a - b) };
}

describe('classifySegment', () => {
  const a = at(22.7, 114.3, 0, 1);
  it('counts a 1 s, ~11 m autonomous segment in millimetres with its driving time', () => {
    expect(classifySegment(a, at(22.7001, 114.3, 1000, 2))).toEqual({
      kind: 'counted',
      mm: 11120,
      drivingMs: 1000,
      mode: 'autonomous',
    });
  });
  it('counts distance but no hours across a gap longer than 60 s', () => {
    expect(classifySegment(a, at(22.7001, 114.3, 60_001, 2))).toMatchObject({
      kind: 'counted',
      drivingMs: 0,
    });
    expect(classifySegment(a, at(22.7001, 114.3, 60_000, 2))).toMatchObject({
      kind: 'counted',
      drivingMs: 60_000,
    });
  });
  it('treats faster than 300 km/h as a position jump and a non-positive duration as a quality event', () => {
    expect(classifySegment(a, at(22.71, 114.3, 1000, 2))).toEqual({ kind: 'jump' });
    expect(classifySegment(a, at(22.7001, 114.3, 0, 2))).toEqual({ kind: 'quality' });
    expect(classifySegment(a, at(22.7, 114.3, -5, 2))).toEqual({ kind: 'none' });
  });
  it('classifies by both ends: autonomous, remote, otherwise manual', () => {
    const b = (mode: ModeCode) => at(22.7001, 114.3, 1000, 2, mode);
    expect(classifySegment(a, b(Mode.REMOTE))).toMatchObject({ mode: 'manual' });
    expect(classifySegment({ ...a, mode: Mode.REMOTE }, b(Mode.REMOTE))).toMatchObject({
      mode: 'remote',
    });
  });
});

describe('dayFormatter', () => {
  it('gives the local calendar day in the zone', () => {
    expect(dayOf(Date.parse('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20');
    expect(dayOf(Date.parse('2026-11-20T16:00:00.000Z'))).toBe('2026-11-21');
  });
});

describe('deltasForNewPoints', () => {
  it('counts segments, zones and takeovers of a small track', () => {
    const track = [
      at(22.7, 114.3, 0, 1, Mode.AUTONOMOUS, ['z']),
      at(22.7001, 114.3, 1000, 2, Mode.AUTONOMOUS, ['z']),
      at(22.7002, 114.3, 2000, 3, Mode.MANUAL, []),
    ];
    const store = new Map<number, TrackPoint>();
    const result = total([ingest(store, track)]);
    expect(Object.keys(result.daily as object)).toEqual(['1970-01-01']);
    const daily = (result.daily as Record<string, Record<string, number>>)['1970-01-01'];
    expect(daily).toMatchObject({
      points: 3,
      autonomousMm: 11120,
      manualMm: 11120,
      autonomousMs: 1000,
      manualMs: 1000,
    });
    expect((result.zones as Record<string, Record<string, number>>)['z|1970-01-01']).toMatchObject({
      autonomousMm: 11120,
      manualMm: 0,
    });
    expect(result.takeovers).toEqual([3]);
  });

  const trackArbitrary = fc
    .array(
      fc.record({
        keep: fc.double({ min: 0, max: 1, noNaN: true }),
        dtMs: fc.oneof(fc.integer({ min: 100, max: 2000 }), fc.integer({ min: -1500, max: 120_000 })),
        dLat: fc.oneof(
          fc.double({ min: -0.0002, max: 0.0002, noNaN: true }),
          fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        ),
        dLon: fc.double({ min: -0.0002, max: 0.0002, noNaN: true }),
        mode: fc.constantFrom<ModeCode>(Mode.AUTONOMOUS, Mode.AUTONOMOUS, Mode.MANUAL, Mode.REMOTE),
      }),
      { minLength: 2, maxLength: 80 },
    )
    .map((steps) => {
      let ts = Date.parse('2026-11-20T15:58:00Z');
      let lat = 22.7;
      let lon = 114.35;
      const points: TrackPoint[] = [];
      steps.forEach((step, i) => {
        ts += step.dtMs;
        lat += step.dLat;
        lon += step.dLon;
        // Some seqs never arrive, so some segments must never be counted.
        if (step.keep < 0.9) points.push(at(lat, lon, ts, i + 1, step.mode, lat > 22.7 ? ['north'] : ['south']));
      });
      return points;
    });

  it('gives the same totals whatever the order, batching and duplication of arrival', () => {
    fc.assert(
      fc.property(
        trackArbitrary.chain((points) =>
          fc.tuple(
            fc.constant(points),
            fc.shuffledSubarray(points, { minLength: points.length, maxLength: points.length }),
            fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 30 }),
            fc.subarray(points),
          ),
        ),
        ([points, shuffled, sizes, duplicates]) => {
          const expected = total([ingest(new Map(), points)]);
          const arrivals = [...shuffled, ...duplicates];
          const store = new Map<number, TrackPoint>();
          const deltas: BatchDeltas[] = [];
          for (let start = 0, i = 0; start < arrivals.length; i += 1) {
            const size = sizes[i % sizes.length];
            deltas.push(ingest(store, arrivals.slice(start, start + size)));
            start += size;
          }
          expect(total(deltas)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('local clock', () => {
  it('keeps the minutes of zones offset by half and quarter hours', () => {
    const kolkata = dayFormatter('Asia/Kolkata');
    expect(kolkata(Date.parse('2026-06-30T18:29:59Z'))).toBe('2026-06-30');
    expect(kolkata(Date.parse('2026-06-30T18:30:00Z'))).toBe('2026-07-01');
    expect(localClock('Asia/Kathmandu')(Date.parse('2026-06-30T00:00:00Z'))).toEqual({
      day: '2026-06-30',
      minutes: 5 * 60 + 45,
    });
  });
});
