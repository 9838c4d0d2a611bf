import { classifySegment, Mode, type ModeCode, type TrackPoint } from '@app/telemetry';
import { type WireMode, type WirePoint } from './sim-vehicle';

/** What the platform should have counted for one vehicle, in integer millimetres and milliseconds. */
export interface ExpectedTotals {
  autonomousMm: number;
  manualMm: number;
  remoteMm: number;
  autonomousMs: number;
  manualMs: number;
  remoteMs: number;
  points: number;
  takeovers: number;
}

const MODE_CODES: Record<WireMode, ModeCode> = {
  AUTONOMOUS: Mode.AUTONOMOUS,
  MANUAL: Mode.MANUAL,
  REMOTE: Mode.REMOTE,
};

const trackPoint = (p: Pick<WirePoint, 'seq' | 'ts' | 'lat' | 'lon' | 'mode'>): TrackPoint => ({
  seq: p.seq,
  ts: Date.parse(p.ts),
  lat: p.lat,
  lon: p.lon,
  mode: MODE_CODES[p.mode],
  zones: [],
});

/**
 * TELEMETRY.md's mileage and hours over the points the platform should have stored, computed in
 * one pass in seq order from the vehicle's own log (the platform computes them batch by batch as
 * the points arrive, in any order and with duplicates). `previous` is the platform's last stored
 * point before this run, which forms a segment with the run's first point.
 */
export function expectedTotals(
  stored: readonly Pick<WirePoint, 'seq' | 'ts' | 'lat' | 'lon' | 'mode'>[],
  previous: Pick<WirePoint, 'seq' | 'ts' | 'lat' | 'lon' | 'mode'> | null,
): ExpectedTotals {
  const totals: ExpectedTotals = {
    autonomousMm: 0,
    manualMm: 0,
    remoteMm: 0,
    autonomousMs: 0,
    manualMs: 0,
    remoteMs: 0,
    points: stored.length,
    takeovers: 0,
  };
  const points = [...(previous ? [previous] : []), ...stored].sort((a, b) => a.seq - b.seq).map(trackPoint);
  for (let i = 1; i < points.length; i += 1) {
    const [a, b] = [points[i - 1], points[i]];
    if (b.seq !== a.seq + 1) continue;
    if (a.mode === Mode.AUTONOMOUS && b.mode !== Mode.AUTONOMOUS) totals.takeovers += 1;
    const outcome = classifySegment(a, b);
    if (outcome.kind !== 'counted') continue;
    totals[`${outcome.mode}Mm`] += outcome.mm;
    totals[`${outcome.mode}Ms`] += outcome.drivingMs;
  }
  return totals;
}
