import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import distance from '@turf/distance';
import { type Feature, type LineString, type Polygon } from 'geojson';
import { deltasForNewPoints, Mode, type ModeCode, type TrackPoint } from '@app/telemetry';
import { expectedTotals } from './expected-totals';
import { SimVehicle, type WirePoint } from './sim-vehicle';

const DISTRICT: Feature<Polygon> = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [114.33, 22.68],
        [114.4, 22.68],
        [114.4, 22.73],
        [114.33, 22.73],
        [114.33, 22.68],
      ],
    ],
  },
};

const drive = (options: { badPointChance?: number; strayChance?: number; skew?: number; seed?: number }, n = 600) => {
  const vehicle = new SimVehicle(
    'v1',
    'token',
    { kind: 'area', shape: DISTRICT },
    {
      takeoverChance: 1 / 50,
      strayChance: options.strayChance ?? 0,
      badPointChance: options.badPointChance ?? 0,
      clockSkewMs: options.skew ?? 0,
    },
    options.seed ?? 1,
    100,
  );
  const start = Date.UTC(2026, 10, 30, 2);
  for (let i = 1; i <= n; i += 1) vehicle.tick(start + i * 1000, 1000);
  return vehicle;
};

describe('simulated vehicle', () => {
  it('numbers its points consecutively after the seq the platform already has, with its clock skew', () => {
    const vehicle = drive({ skew: -1500 });
    expect(vehicle.points.map((p) => p.seq)).toEqual(Array.from({ length: 600 }, (_, i) => 101 + i));
    expect(Date.parse(vehicle.points[0].ts)).toBe(Date.UTC(2026, 10, 30, 2) + 1000 - 1500);
  });

  it('stays inside its area unless it strays, and changes mode now and then', () => {
    const vehicle = drive({});
    expect(vehicle.points.every((p) => booleanPointInPolygon([p.lon, p.lat], DISTRICT))).toBe(true);
    expect(new Set(vehicle.points.map((p) => p.mode))).toEqual(new Set(['AUTONOMOUS', 'MANUAL']));
    const stray = drive({ strayChance: 1 / 100 }, 2000);
    expect(stray.points.some((p) => !booleanPointInPolygon([p.lon, p.lat], DISTRICT))).toBe(true);
  });

  it('resumes a route where the platform last saw the vehicle, not at the start of the route', () => {
    const line: Feature<LineString> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [
          [114.33, 22.7],
          [114.4, 22.7],
        ],
      },
    };
    const behaviour = { takeoverChance: 0, strayChance: 0, badPointChance: 0, clockSkewMs: 0 };
    const bus = new SimVehicle('b', 't', { kind: 'route', line }, behaviour, 3, 50, {
      lat: 22.7,
      lon: 114.38,
      odometerKm: 100,
    });
    const first = bus.tick(Date.UTC(2026, 10, 30, 2), 1000);
    expect(distance([114.38, 22.7], [first.lon, first.lat], { units: 'meters' })).toBeLessThan(20);
  });

  it('marks the points it corrupts on purpose, and only those are out of range', () => {
    const vehicle = drive({ badPointChance: 0.05 });
    const outOfRange = vehicle.points.filter((p) => p.lat > 90).map((p) => p.seq);
    expect(outOfRange.length).toBeGreaterThan(0);
    expect(outOfRange).toEqual([...vehicle.badSeqs]);
  });
});

const MODES: Record<WirePoint['mode'], ModeCode> = {
  AUTONOMOUS: Mode.AUTONOMOUS,
  MANUAL: Mode.MANUAL,
  REMOTE: Mode.REMOTE,
};
const asTrack = (p: WirePoint): TrackPoint => ({
  seq: p.seq,
  ts: Date.parse(p.ts),
  lat: p.lat,
  lon: p.lon,
  mode: MODES[p.mode],
  zones: [],
});

describe('expected totals', () => {
  it('equal what the platform adds up batch by batch, whatever the order, batching and duplication', () => {
    const vehicle = drive({ badPointChance: 0.02 }, 300);
    const stored = vehicle.points.filter((p) => !vehicle.badSeqs.has(p.seq));
    const expected = expectedTotals(stored, null);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(stored, { minLength: stored.length, maxLength: stored.length }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat({ max: stored.length - 1 }), { maxLength: 30 }),
        (arrival, batchSizes, duplicates) => {
          // Arrival order with some points delivered twice, cut into batches.
          const delivered = [...arrival, ...duplicates.map((i) => stored[i])];
          const known = new Map<number, TrackPoint>();
          const sums = { autonomousMm: 0, manualMm: 0, remoteMm: 0, autonomousMs: 0, manualMs: 0, remoteMs: 0 };
          let takeovers = 0;
          for (let at = 0, b = 0; at < delivered.length; b += 1) {
            const size = batchSizes[b % batchSizes.length];
            const fresh = delivered
              .slice(at, at + size)
              .map(asTrack)
              .filter((p, i, all) => !known.has(p.seq) && all.findIndex((q) => q.seq === p.seq) === i);
            at += size;
            for (const p of fresh) known.set(p.seq, p);
            const deltas = deltasForNewPoints(
              fresh,
              (seq) => known.get(seq),
              () => 'day',
            );
            for (const day of deltas.daily.values())
              for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += day[key];
            takeovers += deltas.takeovers.length;
          }
          expect({ ...sums, points: known.size, takeovers }).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('count the segment from the platform’s last stored point to the first new one', () => {
    const vehicle = drive({}, 10);
    const [first, ...rest] = vehicle.points;
    const withPrevious = expectedTotals(rest, first);
    const alone = expectedTotals(rest, null);
    const mm = (t: typeof alone) => t.autonomousMm + t.manualMm + t.remoteMm;
    expect(mm(withPrevious)).toBeGreaterThan(mm(alone));
    expect(withPrevious.points).toBe(alone.points);
  });
});
