/**
 * Fleet simulator: drives the seeded vehicles through the public API exactly as real vehicles
 * would, then checks that the platform stored and counted what they sent, to the metre.
 *
 *   npm run simulate                                  # the Pingshan fleet (205 vehicles), 60 s
 *   npm run simulate -- --duration 300 --hz 2         # longer, denser
 *   npm run simulate -- --enterprise 坪山云巴 --vehicles 10
 *
 * Options (also as SIM_* environment variables): --api (comma-separated replicas), --vehicles-file, --jurisdiction, --enterprise, --vehicles,
 * --duration (s), --hz, --batch (s between posts), --outage-share, --bad-point-chance,
 * --takeover-chance, --stray-chance, --max-skew-ms, --lost-response-chance, --seed, --drain-timeout (s).
 * Exits 1 when anything sent was lost, miscounted or duplicated.
 */
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { type LineString, type MultiPolygon, type Polygon } from 'geojson';
import { expectedTotals } from './expected-totals';
import {
  asFeature,
  Platform,
  type PermitView,
  type PositionView,
  type VehicleStatsView,
  type ZoneView,
} from './platform';
import { type DrivingArea, prng, SimVehicle, type WirePoint } from './sim-vehicle';

const { values: args } = parseArgs({
  options: {
    api: { type: 'string' },
    'vehicles-file': { type: 'string' },
    jurisdiction: { type: 'string' },
    enterprise: { type: 'string' },
    vehicles: { type: 'string' },
    duration: { type: 'string' },
    hz: { type: 'string' },
    batch: { type: 'string' },
    'outage-share': { type: 'string' },
    'bad-point-chance': { type: 'string' },
    'takeover-chance': { type: 'string' },
    'stray-chance': { type: 'string' },
    'max-skew-ms': { type: 'string' },
    'lost-response-chance': { type: 'string' },
    seed: { type: 'string' },
    'drain-timeout': { type: 'string' },
  },
});
const option = (name: keyof typeof args, fallback: string): string =>
  args[name] ?? process.env[`SIM_${name.toUpperCase().replaceAll('-', '_')}`] ?? fallback;
const num = (name: keyof typeof args, fallback: number): number => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
};

const CONFIG = {
  /** One or more API base URLs, comma-separated: vehicles are spread over them (replicas). */
  apis: option('api', process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`)
    .split(',')
    .map((url) => url.trim().replace(/\/$/, '')),
  vehiclesFile: option('vehicles-file', join(process.cwd(), '.run', 'demo-vehicles.json')),
  jurisdiction: option('jurisdiction', 'CN-SZ-PINGSHAN'),
  enterprise: option('enterprise', ''),
  vehicles: num('vehicles', 0),
  durationS: num('duration', 60),
  hz: num('hz', 1),
  batchS: num('batch', 10),
  outageShare: num('outage-share', 0.1),
  badPointChance: num('bad-point-chance', 0.002),
  takeoverChance: num('takeover-chance', 1 / 300),
  strayChance: num('stray-chance', 1 / 3000),
  maxSkewMs: Math.min(num('max-skew-ms', 2000), 30_000),
  /** Chance that a 202 never reaches the vehicle (the connection drops after the server answered). */
  lostResponseChance: num('lost-response-chance', 0.05),
  seed: num('seed', 1),
  drainTimeoutS: num('drain-timeout', 180),
};
const REGULATORS: Record<string, string> = {
  'CN-SZ-PINGSHAN': 'regulator.pingshan@demo.local',
  'CN-BJ-YIZHUANG': 'regulator.yizhuang@demo.local',
};
const MAX_POINTS_PER_REQUEST = 1000;

interface DemoVehicle {
  id: string;
  vin: string;
  enterprise: string;
  jurisdictionCode: string;
  token: string;
}

/** One simulated vehicle with its buffer of points not yet known to be stored. */
interface Driver {
  sim: SimVehicle;
  /** The API replica this vehicle talks to. */
  api: Platform;
  vin: string;
  /** Points made and not yet below the platform's watermark, in seq order. */
  buffer: WirePoint[];
  /** Highest seq posted so far (a resend starts again from the watermark). */
  postedThroughSeq: number;
  /** Highest seq ever posted: points at or below it are resends. */
  highestPosted: number;
  watermark: number;
  firstSeq: number;
  previous: WirePoint | null;
  nextPostAt: number;
  outage: { from: number; to: number } | null;
  inOutage: boolean;
  busy: boolean;
}

const lossy = prng(CONFIG.seed + 7);
const counters = {
  lostResponses: 0,
  generated: 0,
  firstSends: 0,
  resends: 0,
  accepted: 0,
  rejected: 0,
  requests: 0,
  throttled: 0,
  unavailable: 0,
  networkErrors: 0,
  outages: 0,
};

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

async function areaOf(
  platform: Platform,
  vehicleId: string,
  permits: PermitView[],
  zones: Map<string, ZoneView>,
): Promise<DrivingArea> {
  const zoneIds = permits.filter((p) => p.vehicles?.some((v) => v.vehicleId === vehicleId)).flatMap((p) => p.zoneIds);
  const permitted = zoneIds.map((id) => zones.get(id)).filter((z): z is ZoneView => z !== undefined);
  // A vehicle without a permit stays at the closed test field, as one at that stage would.
  const zone =
    permitted.find((z) => z.kind === 'AREA') ??
    permitted[0] ??
    [...zones.values()].find((z) => z.kind === 'CLOSED_FIELD') ??
    fail(`no zone to drive vehicle ${vehicleId} in`);
  if (zone.kind === 'ROUTE') {
    const full = await platform.read<ZoneView & { geometry: LineString }>(`/v1/zones/${zone.id}`);
    return { kind: 'route', line: asFeature(full.geometry) };
  }
  return { kind: 'area', shape: asFeature(zone.geometry as Polygon | MultiPolygon) };
}

async function setUp(platform: Platform, replicas: Platform[]): Promise<Driver[]> {
  const file = CONFIG.vehiclesFile;
  let demo: DemoVehicle[];
  try {
    demo = JSON.parse(readFileSync(file, 'utf8')) as DemoVehicle[];
  } catch {
    fail(`${file} not found: run npm start (or npm run seed) first`);
  }
  let chosen = demo.filter(
    (v) =>
      v.jurisdictionCode === CONFIG.jurisdiction && (!CONFIG.enterprise || v.enterprise.includes(CONFIG.enterprise)),
  );
  if (CONFIG.vehicles > 0) chosen = chosen.slice(0, CONFIG.vehicles);
  if (chosen.length === 0) fail('no seeded vehicle matches --jurisdiction and --enterprise');

  const password = process.env.DEMO_PASSWORD ?? fail('DEMO_PASSWORD is not set (it is in .env after npm start)');
  await platform.login(
    REGULATORS[CONFIG.jurisdiction] ?? fail(`no demo regulator for ${CONFIG.jurisdiction}`),
    password,
  );
  const zones = new Map(
    (await platform.read<ZoneView[]>(`/v1/zones?jurisdictionCode=${CONFIG.jurisdiction}`)).map((z) => [z.id, z]),
  );
  const permits = await Promise.all(
    (await platform.read<PermitView[]>('/v1/permits?status=ACTIVE')).map((p) =>
      platform.read<PermitView>(`/v1/permits/${p.id}`),
    ),
  );
  const random = prng(CONFIG.seed);
  const start = Date.now();
  const drivers: Driver[] = [];
  for (const [index, vehicle] of chosen.entries()) {
    const state = await platform.read<PositionView>(`/v1/vehicles/${vehicle.id}/position`);
    const last = state.position;
    // Points above the watermark are still on their way (a rejected last point leaves it below).
    if (last && last.seq > state.persistedThroughSeq)
      fail(
        `vehicle ${vehicle.vin} still has points in flight (seq ${last.seq}, stored through ${state.persistedThroughSeq})`,
      );
    const skew = Math.round((random() * 2 - 1) * CONFIG.maxSkewMs);
    const sim = new SimVehicle(
      vehicle.id,
      vehicle.token,
      await areaOf(platform, vehicle.id, permits, zones),
      {
        takeoverChance: CONFIG.takeoverChance,
        strayChance: CONFIG.strayChance,
        badPointChance: CONFIG.badPointChance,
        clockSkewMs: skew,
      },
      CONFIG.seed * 100_003 + index,
      state.persistedThroughSeq,
      last ? { lat: last.lat, lon: last.lon, odometerKm: last.odometerKm } : undefined,
    );
    const outageAt = start + random() * CONFIG.durationS * 700;
    drivers.push({
      sim,
      api: replicas[index % replicas.length],
      vin: vehicle.vin,
      buffer: [],
      postedThroughSeq: state.persistedThroughSeq,
      highestPosted: state.persistedThroughSeq,
      watermark: state.persistedThroughSeq,
      firstSeq: state.persistedThroughSeq + 1,
      previous: last
        ? {
            ...last,
            ts: new Date(last.ts).toISOString(),
            speedKmh: 0,
            headingDeg: 0,
            odometerKm: 0,
            mode: last.mode as WirePoint['mode'],
          }
        : null,
      // Staggered, so the fleet's requests spread over the batch period.
      nextPostAt: start + random() * CONFIG.batchS * 1000,
      outage: random() < CONFIG.outageShare ? { from: outageAt, to: outageAt + (10 + random() * 20) * 1000 } : null,
      inOutage: false,
      busy: false,
    });
  }
  return drivers;
}

/** Posts what the vehicle has not posted yet (or everything above the watermark after a failure). */
async function post(platform: Platform, driver: Driver, now: number): Promise<void> {
  const pending = driver.buffer.filter((p) => p.seq > driver.postedThroughSeq).slice(0, MAX_POINTS_PER_REQUEST);
  if (pending.length === 0) return;
  counters.requests += 1;
  const answer = await platform.call<{ accepted: number; rejected: unknown[]; persistedThroughSeq: number }>(
    'POST',
    '/v1/telemetry',
    { token: driver.sim.token, body: { points: pending } },
  );
  if (answer.status === 202) {
    const resends = pending.filter((p) => p.seq <= driver.highestPosted).length;
    counters.resends += resends;
    counters.firstSends += pending.length - resends;
    driver.highestPosted = Math.max(driver.highestPosted, pending[pending.length - 1].seq);
    if (lossy() < CONFIG.lostResponseChance) {
      // The server took the points but the vehicle never heard: it must resend from the watermark.
      counters.lostResponses += 1;
      await resendFromWatermark(driver.api, driver);
      return;
    }
    counters.accepted += answer.body.accepted;
    counters.rejected += answer.body.rejected.length;
    driver.postedThroughSeq = pending[pending.length - 1].seq;
    advance(driver, answer.body.persistedThroughSeq);
    return;
  }
  if (answer.status === 429) counters.throttled += 1;
  else if (answer.status === 503) counters.unavailable += 1;
  else if (answer.status === 0) counters.networkErrors += 1;
  else fail(`POST /v1/telemetry for ${driver.vin}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  // Keep the buffer; try again after Retry-After, from the watermark.
  driver.nextPostAt = now + (answer.retryAfterS ?? 1) * 1000;
  await resendFromWatermark(driver.api, driver);
}

function advance(driver: Driver, watermark: number): void {
  driver.watermark = Math.max(driver.watermark, watermark);
  driver.buffer = driver.buffer.filter((p) => p.seq > driver.watermark);
}

/** After an outage or a refusal: ask what is stored and post again everything above it. */
async function resendFromWatermark(platform: Platform, driver: Driver): Promise<void> {
  const answer = await platform.call<{ persistedThroughSeq: number }>('GET', '/v1/telemetry/watermark', {
    token: driver.sim.token,
  });
  if (answer.status !== 200) return;
  advance(driver, answer.body.persistedThroughSeq);
  driver.postedThroughSeq = driver.watermark;
}

async function drive(drivers: Driver[]): Promise<void> {
  const tickMs = 1000 / CONFIG.hz;
  const start = Date.now();
  const end = start + CONFIG.durationS * 1000;
  const bar = new SingleBar({
    format: 'driving  [{bar}] {value}/{total} s | {points} points accepted | {offline} offline | {refused} refused',
    hideCursor: true,
  });
  bar.start(CONFIG.durationS, 0, { points: 0, offline: 0, refused: 0 });
  for (let tick = 1; ; tick += 1) {
    const now = start + tick * tickMs;
    if (now > end) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, now - Date.now())));
    // The last tick parks every vehicle.
    const parked = now + tickMs > end;
    for (const driver of drivers) {
      driver.buffer.push(driver.sim.tick(now, tickMs, parked));
      counters.generated += 1;
      const offline = driver.outage !== null && now >= driver.outage.from && now < driver.outage.to;
      if (offline && !driver.inOutage) counters.outages += 1;
      if (!offline && driver.inOutage) {
        // Back online: resend from the watermark at once.
        driver.nextPostAt = now;
        driver.busy = true;
        void resendFromWatermark(driver.api, driver).finally(() => (driver.busy = false));
      }
      driver.inOutage = offline;
      if (offline || driver.busy || now < driver.nextPostAt) continue;
      driver.busy = true;
      driver.nextPostAt = now + CONFIG.batchS * 1000;
      void post(driver.api, driver, now).finally(() => (driver.busy = false));
    }
    bar.update(Math.round((now - start) / 1000), {
      points: counters.accepted,
      offline: drivers.filter((d) => d.inOutage).length,
      refused: counters.throttled + counters.unavailable + counters.networkErrors,
    });
  }
  bar.stop();
}

/** Posts the rest and waits until every vehicle's watermark reaches its last seq. */
async function drain(drivers: Driver[]): Promise<number> {
  const started = Date.now();
  const bar = new SingleBar({ format: 'draining [{bar}] {value}/{total} vehicles fully stored', hideCursor: true });
  bar.start(drivers.length, 0);
  for (;;) {
    while (drivers.some((d) => d.busy)) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const driver of drivers) {
      if (driver.watermark >= driver.sim.seq) continue;
      if (driver.postedThroughSeq < driver.sim.seq) await post(driver.api, driver, Date.now());
      else await resendFromWatermark(driver.api, driver);
    }
    const done = drivers.filter((d) => d.watermark >= d.sim.seq).length;
    bar.update(done);
    if (done === drivers.length) break;
    if (Date.now() - started > CONFIG.drainTimeoutS * 1000) {
      bar.stop();
      fail(`${drivers.length - done} vehicles not fully stored after ${CONFIG.drainTimeoutS} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  bar.stop();
  return (Date.now() - started) / 1000;
}

const mm = (km: number) => Math.round(km * 1_000_000);

async function main(): Promise<void> {
  const replicas = CONFIG.apis.map((url) => new Platform(url));
  const platform = replicas[0];
  const drivers = await setUp(platform, replicas);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const statsOf = (d: Driver) =>
    platform.read<VehicleStatsView>(`/v1/vehicles/${d.sim.id}/stats?from=2000-01-01&to=${day(2)}`);
  const before = await Promise.all(drivers.map(statsOf));
  const runStart = new Date(Date.now() - 3_600_000).toISOString();
  process.stdout.write(
    `simulate: ${drivers.length} vehicles of ${CONFIG.jurisdiction} for ${CONFIG.durationS} s at ${CONFIG.hz} Hz against ${CONFIG.apis.join(', ')}\n`,
  );
  const t0 = Date.now();
  await drive(drivers);
  const drainS = await drain(drivers);
  const elapsedS = (Date.now() - t0) / 1000;

  const after = await Promise.all(drivers.map(statsOf));
  const takeovers = await platform.read<{ vehicleId: string; seq: number }[]>(
    `/v1/takeovers?from=${runStart}&to=${new Date(Date.now() + 3_600_000).toISOString()}`,
  );
  let expectedKm = 0;
  let platformKm = 0;
  let maxDiffM = 0;
  let mismatched = 0;
  let expectedPoints = 0;
  let storedPoints = 0;
  let expectedTakeovers = 0;
  let countedTakeovers = 0;
  for (const [i, driver] of drivers.entries()) {
    const stored = driver.sim.points.filter((p) => !driver.sim.badSeqs.has(p.seq));
    const expected = expectedTotals(stored, driver.previous);
    const [b, a] = [before[i].total, after[i].total];
    const delta = {
      autonomous: mm(a.km.autonomous) - mm(b.km.autonomous),
      manual: mm(a.km.manual) - mm(b.km.manual),
      remote: mm(a.km.remote) - mm(b.km.remote),
    };
    const diffMm = Math.max(
      Math.abs(delta.autonomous - expected.autonomousMm),
      Math.abs(delta.manual - expected.manualMm),
      Math.abs(delta.remote - expected.remoteMm),
    );
    const takeoversCounted = takeovers.filter((t) => t.vehicleId === driver.sim.id && t.seq >= driver.firstSeq).length;
    const pointsStored = a.points - b.points;
    if (diffMm >= 1000 || pointsStored !== expected.points || takeoversCounted !== expected.takeovers) {
      mismatched += 1;
      process.stderr.write(
        `mismatch ${driver.vin}: km diff ${diffMm / 1000} m, points ${pointsStored}/${expected.points}, takeovers ${takeoversCounted}/${expected.takeovers}\n`,
      );
    }
    maxDiffM = Math.max(maxDiffM, diffMm / 1000);
    expectedKm += (expected.autonomousMm + expected.manualMm + expected.remoteMm) / 1_000_000;
    platformKm += (delta.autonomous + delta.manual + delta.remote) / 1_000_000;
    expectedPoints += expected.points;
    storedPoints += pointsStored;
    expectedTakeovers += expected.takeovers;
    countedTakeovers += takeoversCounted;
  }
  const badPoints = drivers.reduce((sum, d) => sum + d.sim.badSeqs.size, 0);

  const table = new Table({ head: ['', 'vehicles sent / expected', 'platform', 'match'], style: { head: [] } });
  const row = (name: string, expected: number | string, actual: number | string, ok: boolean) =>
    table.push([name, String(expected), String(actual), ok ? 'yes' : 'NO']);
  row('points generated', counters.generated, '', true);
  row('points posted (first sends)', counters.firstSends, '', true);
  row('points resent from the watermark', counters.resends, '', true);
  table.push(['accepted per point (202s heard, resends included)', '', String(counters.accepted), '']);
  row('rejected (bad points)', badPoints, counters.rejected, counters.rejected >= badPoints);
  row('persisted (stored once)', expectedPoints, storedPoints, storedPoints === expectedPoints);
  row('mileage km', expectedKm.toFixed(3), platformKm.toFixed(3), maxDiffM < 1);
  row('largest per-vehicle difference m', '< 1', maxDiffM.toFixed(3), maxDiffM < 1);
  row('takeovers', expectedTakeovers, countedTakeovers, expectedTakeovers === countedTakeovers);
  row('vehicles mismatched', 0, mismatched, mismatched === 0);
  table.push([
    'requests / 429 / 503 / network errors',
    `${counters.requests}`,
    `${counters.throttled} / ${counters.unavailable} / ${counters.networkErrors}`,
    '',
  ]);
  table.push(['outages / lost 202 answers simulated', `${counters.outages} / ${counters.lostResponses}`, '', '']);
  table.push(['run / drain time s', `${elapsedS.toFixed(1)}`, `${drainS.toFixed(1)}`, '']);
  process.stdout.write(`${table.toString()}\n`);
  const ok = mismatched === 0 && storedPoints === expectedPoints && maxDiffM < 1;
  process.stdout.write(
    `RESULT vehicles=${drivers.length} generated=${counters.generated} accepted=${counters.accepted} rejected=${counters.rejected} persisted=${storedPoints} expected=${expectedPoints} km=${platformKm.toFixed(3)} expected_km=${expectedKm.toFixed(3)} max_diff_m=${maxDiffM.toFixed(3)} mismatched=${mismatched}\n`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
