import along from '@turf/along';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import destination from '@turf/destination';
import length from '@turf/length';
import nearestPointOnLine from '@turf/nearest-point-on-line';
import { type Feature, type LineString, type MultiPolygon, type Polygon } from 'geojson';

export type WireMode = 'AUTONOMOUS' | 'MANUAL' | 'REMOTE';

/** A point exactly as the vehicle posts it (TELEMETRY.md). */
export interface WirePoint {
  seq: number;
  ts: string;
  lat: number;
  lon: number;
  speedKmh: number;
  headingDeg: number;
  odometerKm: number;
  mode: WireMode;
}

/** Where a vehicle may drive: anywhere in an area, or back and forth along a route. */
export type DrivingArea =
  { kind: 'area'; shape: Feature<Polygon | MultiPolygon> } | { kind: 'route'; line: Feature<LineString> };

export interface SimBehaviour {
  /** Chance per point that an autonomous vehicle is taken over (switches to MANUAL). */
  takeoverChance: number;
  /** Chance per point that a vehicle inside its area heads out of it for a while. */
  strayChance: number;
  /** Chance per point that the point is malformed (the platform must reject it alone). */
  badPointChance: number;
  /** Constant clock offset of this vehicle in ms (within the protocol's 60 s future limit). */
  clockSkewMs: number;
}

/** Small deterministic PRNG (mulberry32), so a seed reproduces a run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random point inside an area (rejection sampling in its bounding box). */
function randomPointIn(shape: Feature<Polygon | MultiPolygon>, random: () => number): [number, number] {
  const rings = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  const coords = rings.flatMap((polygon) => polygon[0]);
  const lons = coords.map((c) => c[0]);
  const lats = coords.map((c) => c[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  for (;;) {
    const candidate: [number, number] = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
    if (booleanPointInPolygon(candidate, shape)) return candidate;
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * One simulated vehicle: drives its area at city speeds, is taken over now and then and handed
 * back to the system, strays out of its area sometimes, and produces one point per tick with
 * consecutive seqs. It keeps every point it made so the expected mileage can be computed.
 */
export class SimVehicle {
  private readonly random: () => number;
  private position: [number, number];
  private heading: number;
  private speedKmh = 30;
  private mode: WireMode = 'AUTONOMOUS';
  private manualTicksLeft = 0;
  private strayTicksLeft = 0;
  private routeKm = 0;
  private routeDirection = 1;
  private odometerKm: number;
  /** Every point made, valid or not, in seq order. */
  readonly points: WirePoint[] = [];
  /** Seqs made malformed on purpose. */
  readonly badSeqs = new Set<number>();

  constructor(
    readonly id: string,
    readonly token: string,
    private readonly area: DrivingArea,
    private readonly behaviour: SimBehaviour,
    seed: number,
    /** The last seq the platform already has from this vehicle (a run resumes after it). */
    private lastSeq: number,
    start?: { lat: number; lon: number; odometerKm: number | null },
  ) {
    this.random = prng(seed);
    this.heading = this.random() * 360;
    this.odometerKm = start?.odometerKm ?? 1000 + this.random() * 5000;
    if (start) {
      // Resume where the platform last saw it (on a route, from that point along the route).
      this.position = [start.lon, start.lat];
      if (area.kind === 'route') this.routeKm = nearestPointOnLine(area.line, this.position).properties.location;
    } else if (area.kind === 'area') {
      this.position = randomPointIn(area.shape, this.random);
    } else {
      this.routeKm = this.random() * length(area.line);
      this.position = along(area.line, this.routeKm).geometry.coordinates as [number, number];
    }
  }

  get seq(): number {
    return this.lastSeq;
  }

  /**
   * The next point, `dtMs` after the previous one, stamped with the vehicle's (skewed) clock. A
   * parked vehicle reports where it stopped, at speed 0 (so the platform sees it stopped before
   * it went quiet, and raises no telemetry gap).
   */
  tick(nowMs: number, dtMs: number, parked = false): WirePoint {
    if (parked) this.speedKmh = 0;
    else this.drive(dtMs);
    this.switchMode();
    this.lastSeq += 1;
    const point: WirePoint = {
      seq: this.lastSeq,
      ts: new Date(nowMs + this.behaviour.clockSkewMs).toISOString(),
      lat: round(this.position[1], 7),
      lon: round(this.position[0], 7),
      speedKmh: round(this.speedKmh, 1),
      headingDeg: round(this.heading, 1) % 360,
      odometerKm: round(this.odometerKm, 3),
      mode: this.mode,
    };
    if (!parked && this.random() < this.behaviour.badPointChance) {
      // A fault a real unit produces: a position out of range from a GNSS glitch.
      point.lat = 91 + this.random();
      this.badSeqs.add(point.seq);
    }
    this.points.push(point);
    return point;
  }

  private drive(dtMs: number): void {
    this.speedKmh = Math.min(60, Math.max(10, this.speedKmh + (this.random() - 0.5) * 6));
    const km = (this.speedKmh * dtMs) / 3_600_000;
    this.odometerKm += km;
    if (this.area.kind === 'route') {
      const total = length(this.area.line);
      this.routeKm += this.routeDirection * km;
      if (this.routeKm > total || this.routeKm < 0) {
        this.routeDirection = -this.routeDirection;
        this.routeKm = Math.min(total, Math.max(0, this.routeKm));
      }
      const next = along(this.area.line, this.routeKm).geometry.coordinates as [number, number];
      this.heading = (bearing(this.position, next) + 360) % 360;
      this.position = next;
      return;
    }
    if (this.strayTicksLeft > 0) {
      this.strayTicksLeft -= 1;
    } else if (this.random() < this.behaviour.strayChance) {
      this.strayTicksLeft = 20 + Math.floor(this.random() * 40);
    }
    this.heading = (this.heading + (this.random() - 0.5) * 20 + 360) % 360;
    let next = destination(this.position, km, this.heading).geometry.coordinates as [number, number];
    const inside = booleanPointInPolygon(this.position, this.area.shape);
    if (this.strayTicksLeft === 0 && inside && !booleanPointInPolygon(next, this.area.shape)) {
      // Turn back at the boundary.
      this.heading = (this.heading + 150 + this.random() * 60) % 360;
      next = destination(this.position, km, this.heading).geometry.coordinates as [number, number];
      if (!booleanPointInPolygon(next, this.area.shape)) next = this.position;
    } else if (this.strayTicksLeft === 0 && !inside) {
      // Head back in after straying.
      const home = randomPointIn(this.area.shape, this.random);
      this.heading = (bearing(this.position, home) + 360) % 360;
      next = destination(this.position, km, this.heading).geometry.coordinates as [number, number];
    }
    this.position = next;
  }

  private switchMode(): void {
    if (this.mode === 'MANUAL') {
      this.manualTicksLeft -= 1;
      if (this.manualTicksLeft <= 0) this.mode = 'AUTONOMOUS';
    } else if (this.random() < this.behaviour.takeoverChance) {
      this.mode = 'MANUAL';
      this.manualTicksLeft = 10 + Math.floor(this.random() * 20);
    }
  }
}

/** Initial bearing from a to b in degrees (−180, 180]. */
function bearing(a: [number, number], b: [number, number]): number {
  const toRad = Math.PI / 180;
  const [lon1, lat1, lon2, lat2] = [a[0] * toRad, a[1] * toRad, b[0] * toRad, b[1] * toRad];
  const y = Math.sin(lon2 - lon1) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1);
  return Math.atan2(y, x) / toRad;
}
