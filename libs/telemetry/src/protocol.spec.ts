import { MalformedTelemetryError, Mode, parseTelemetryRequest, parseTimestamp } from './protocol';

const NOW = Date.parse('2026-11-20T00:15:03.200Z');
const WEEK = 7 * 86_400_000;
const point = (overrides: Record<string, unknown> = {}) => ({
  seq: 1042,
  ts: '2026-11-20T08:15:03.200+08:00',
  lat: 22.7081,
  lon: 114.3467,
  speedKmh: 31.5,
  headingDeg: 87.0,
  odometerKm: 15230.412,
  mode: 'AUTONOMOUS',
  ...overrides,
});
const parse = (points: unknown) => parseTelemetryRequest({ points }, NOW, WEEK);

describe('parseTimestamp', () => {
  it('reads RFC 3339 with offsets and epoch milliseconds as UTC', () => {
    expect(parseTimestamp('2026-11-20T08:15:03.200+08:00')).toBe(NOW);
    expect(parseTimestamp('2026-11-20T00:15:03.2Z')).toBe(NOW);
    expect(parseTimestamp('2026-11-20T00:15:03.200123456Z')).toBe(NOW);
    expect(parseTimestamp(NOW)).toBe(NOW);
  });

  it('refuses timestamps without offset, impossible dates and non-integers', () => {
    for (const bad of [
      '2026-11-20T08:15:03',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      NOW + 0.5,
      -1,
      'yesterday',
      null,
    ]) {
      expect(parseTimestamp(bad)).toBeNaN();
    }
  });
});

describe('parseTelemetryRequest', () => {
  it('accepts the protocol example into columns', () => {
    const { points, rejected } = parse([point()]);
    expect(rejected).toEqual([]);
    expect(points).toEqual({
      seq: [1042],
      ts: [NOW],
      lat: [22.7081],
      lon: [114.3467],
      speedKmh: [31.5],
      headingDeg: [87],
      odometerKm: [15230.412],
      mode: [Mode.AUTONOMOUS],
    });
  });

  it('rejects bad points alone, with index, seq and reason, and keeps the good ones', () => {
    const result = parse([
      point({ seq: 1 }),
      point({ seq: 2, lat: 91 }),
      point({ seq: 3, headingDeg: 360 }),
      point({ seq: 4, ts: NOW + 61_000 }),
      point({ seq: 5, ts: NOW - WEEK - 1 }),
      point({ seq: 6, mode: 'AUTO' }),
      point({ seq: 7, extra: 1 }),
      point({ seq: 0 }),
      point({ seq: 1 }),
      'not a point',
      point({ seq: 8, speedKmh: -1 }),
      point({ seq: 9, odometerKm: Number.NaN }),
    ]);
    expect(result.points.seq).toEqual([1]);
    expect(result.rejected).toEqual([
      { index: 1, seq: 2, reason: 'lat out of range' },
      { index: 2, seq: 3, reason: 'headingDeg must be in [0, 360)' },
      { index: 3, seq: 4, reason: 'ts is more than 60 s in the future' },
      { index: 4, seq: 5, reason: 'ts is older than the resend window (7 days)' },
      { index: 5, seq: 6, reason: 'mode must be AUTONOMOUS, MANUAL or REMOTE' },
      { index: 6, seq: 7, reason: 'unknown field extra' },
      { index: 7, seq: null, reason: 'seq must be an integer ≥ 1' },
      { index: 8, seq: 1, reason: 'duplicate seq in this request' },
      { index: 9, seq: null, reason: 'point must be an object' },
      { index: 10, seq: 8, reason: 'speedKmh must be a number ≥ 0' },
      { index: 11, seq: 9, reason: 'odometerKm must be a number ≥ 0' },
    ]);
    expect(result.rejectedSeqs).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects modes only the object prototype has, and rounds the heading to the float4 it is stored as', () => {
    const { points, rejected } = parse([
      point({ seq: 1, mode: 'toString' }),
      point({ seq: 2, mode: 'constructor' }),
      point({ seq: 3, headingDeg: 1e-67 }),
    ]);
    expect(rejected.map((r) => r.seq)).toEqual([1, 2]);
    expect(points.headingDeg).toEqual([0]);
  });

  it('refuses unusable requests as a whole, naming the field', () => {
    const cases: [unknown, string][] = [
      [[], 'body'],
      [{}, 'points'],
      [{ points: {} }, 'points'],
      [{ points: [], extra: 1 }, 'extra'],
      [{ points: Array.from({ length: 1001 }, (_, i) => point({ seq: i + 1 })) }, 'points'],
    ];
    for (const [body, field] of cases) {
      expect(() => parseTelemetryRequest(body, NOW, WEEK)).toThrow(MalformedTelemetryError);
      try {
        parseTelemetryRequest(body, NOW, WEEK);
      } catch (error) {
        expect((error as MalformedTelemetryError).field).toBe(field);
      }
    }
  });
});
