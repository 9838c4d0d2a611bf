export type Mode = 'AUTONOMOUS' | 'MANUAL' | 'REMOTE';

export interface WirePoint {
  seq: number;
  ts: string | number;
  lat: number;
  lon: number;
  speedKmh: number;
  headingDeg: number;
  odometerKm?: number;
  mode: Mode;
}

/**
 * A deterministic drive east from (lat, lon) at ~40 km/h, one point a second, ending `ageMs`
 * before now. `modeAt(i)` sets the mode of each point (default: autonomous).
 */
export function eastboundTrack(options: {
  count: number;
  lat?: number;
  lon?: number;
  firstSeq?: number;
  modeAt?: (i: number) => Mode;
  endMsAgo?: number;
}): WirePoint[] {
  const { count, lat = 22.7, lon = 114.355, firstSeq = 1, modeAt = () => 'AUTONOMOUS', endMsAgo = 60_000 } = options;
  const start = Date.now() - endMsAgo - count * 1000;
  const stepDeg = 0.0001; // ~10.3 m of longitude at 22.7° N
  return Array.from({ length: count }, (_, i) => ({
    seq: firstSeq + i,
    ts: new Date(start + i * 1000).toISOString(),
    lat,
    lon: lon + i * stepDeg,
    speedKmh: 37,
    headingDeg: 90,
    odometerKm: 1000 + i * 0.0103,
    mode: modeAt(i),
  }));
}
