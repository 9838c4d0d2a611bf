/**
 * Ingest benchmark: the real API, queue and worker (compiled, as separate processes) on a fresh
 * database, driven over HTTP by simulated vehicles. Prints sustained accepted and persisted
 * points/s, HTTP latency, end-to-end lag (202 → stored and aggregated), peak RSS, a raw COPY
 * baseline of the same rows, and checks that nothing was lost or duplicated.
 *
 *   npm run bench:ingest          # 6000 vehicles sampling at 10 Hz, reporting every 30 s (GB/T 32960's
 *                                 # longest real-time report period): 60,000 points/s offered
 *   VEHICLES=9000 npm run bench:ingest        # more load, to find the ceiling
 *   HZ=10 BATCH_S=10 npm run bench:ingest     # smaller, more frequent requests
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { from as copyFrom } from 'pg-copy-streams';
import { Client } from 'pg';
import {
  cpuSeconds,
  createFixtureZones,
  insertEnterprise,
  insertRoadTestPermit,
  insertVehicles,
  pidsOf,
  deleteRedisKeys,
  dropDatabase,
  freshDatabase,
  percentile,
  query,
  rssMb,
  serviceUrls,
  signIn,
  startApp,
} from './bench-support';

const num = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);
const VEHICLES = num('VEHICLES', 6000);
const HZ = num('HZ', 10);
const BATCH_S = num('BATCH_S', 30);
const DURATION_S = num('DURATION_S', 60);
const WARMUP_S = num('WARMUP_S', 30);
const CONNECTIONS = num('CONNECTIONS', 64);
const WORKERS = num('WORKERS', 1);
const PORT = num('PORT', 3300);
const COPY_ROWS = num('COPY_ROWS', 1_000_000);
/** Share of vehicles that drive outside their permitted zone, raising OUTSIDE_ZONE alerts. */
const VIOLATION_SHARE = num('VIOLATION_SHARE', 0.05);
const DATABASE = 'av_permits_bench';

interface SimVehicle {
  id: string;
  token: string;
  seq: number;
  lat: number;
  lon: number;
  heading: number;
  buffer: string[];
  bufferFirstSeq: number;
  inFlight: boolean;
  /** Requests accepted and not yet seen persisted: [lastSeq, acceptedAt]. */
  pending: [number, number][];
  violator: boolean;
  /** When its first request was accepted (violators: the alert clock starts here). */
  firstAcceptedAt: number | null;
}

async function setup(databaseUrl: string): Promise<SimVehicle[]> {
  const enterpriseId = await insertEnterprise(databaseUrl, 'Bench Mobility', '91440310MA5BENCH01', 'CN-SZ-PINGSHAN');
  const vehicles: SimVehicle[] = [];
  for (let start = 0; start < VEHICLES; start += 1000) {
    const count = Math.min(1000, VEHICLES - start);
    const vins = Array.from({ length: count }, (_, i) => `BENCH${String(start + i).padStart(12, '0')}`);
    const rows = await insertVehicles(databaseUrl, enterpriseId, 'CN-SZ-PINGSHAN', vins);
    rows.forEach((row, i) => {
      const angle = ((start + i) * 2.399963) % (2 * Math.PI);
      const violator = start + i < Math.round(VEHICLES * VIOLATION_SHARE);
      vehicles.push({
        id: row.id,
        token: row.token,
        seq: 0,
        // Spread over the Pingshan district (a ring around its centre); violators well south of it.
        lat: violator ? 22.5 + 0.01 * Math.sin(angle) : 22.703 + 0.025 * Math.sin(angle),
        lon: 114.37 + 0.03 * Math.cos(angle),
        heading: (angle * 180) / Math.PI,
        buffer: [],
        bufferFirstSeq: 1,
        inFlight: false,
        pending: [],
        violator,
        firstAcceptedAt: null,
      });
    });
  }
  return vehicles;
}

/** One active road-test permit on the whole district covering every bench vehicle. */
async function permitFleet(databaseUrl: string, vehicles: SimVehicle[]): Promise<void> {
  const [{ enterprise_id: enterpriseId }] = await query<{ enterprise_id: string }>(
    databaseUrl,
    'SELECT enterprise_id FROM vehicles LIMIT 1',
  );
  const [{ id: zoneId }] = await query<{ id: string }>(
    databaseUrl,
    "SELECT id FROM zones WHERE code = 'PS-WHOLE-DISTRICT'",
  );
  await insertRoadTestPermit(
    databaseUrl,
    { noticeNumber: 'PS-RT-BENCH-000001', enterpriseId, jurisdictionCode: 'CN-SZ-PINGSHAN', zoneId },
    vehicles.map((v) => v.id),
  );
}

/** Listens to the regulators' alert stream and records when each vehicle's first OUTSIDE_ZONE alert opened. */
async function watchAlerts(apiUrl: string, token: string, openedAt: Map<string, number>): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(`${apiUrl}/v1/alerts/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`alert stream: ${res.status}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          if (!block.includes('event: alert.opened')) continue;
          const data = JSON.parse(/data: (.*)/.exec(block)?.[1] ?? '{}') as { vehicleId?: string; type?: string };
          if (data.vehicleId && data.type === 'OUTSIDE_ZONE' && !openedAt.has(data.vehicleId))
            openedAt.set(data.vehicleId, Date.now());
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return abort;
}

/** Adds the points a vehicle produced since its last batch (HZ per second, ~36 km/h). */
function produce(v: SimVehicle, now: number): void {
  const n = HZ * BATCH_S;
  const step = 10 / HZ / 111_000; // 10 m/s in degrees
  for (let i = 0; i < n; i += 1) {
    v.seq += 1;
    v.heading = (v.heading + (Math.random() - 0.5) * 4 + 360) % 360;
    v.lat += step * Math.cos((v.heading * Math.PI) / 180);
    v.lon += step * Math.sin((v.heading * Math.PI) / 180);
    const ts = now - (n - 1 - i) * (1000 / HZ);
    v.buffer.push(
      `{"seq":${v.seq},"ts":${Math.round(ts)},"lat":${v.lat.toFixed(6)},"lon":${v.lon.toFixed(6)},"speedKmh":36,"headingDeg":${(Math.round(v.heading * 10) % 3600) / 10},"mode":"${v.seq % 600 < 540 ? 'AUTONOMOUS' : 'MANUAL'}"}`,
    );
  }
}

async function main(): Promise<void> {
  const { databaseUrl: serverUrl, redisUrl } = serviceUrls();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  process.stdout.write(
    `setting up ${VEHICLES} vehicles at ${HZ} Hz, one request per vehicle every ${BATCH_S} s (${HZ * BATCH_S} points)…\n`,
  );
  const databaseUrl = await freshDatabase(serverUrl, DATABASE);
  const vehicles = await setup(databaseUrl);
  const app = await startApp({ databaseUrl, redisUrl, prefix, port: PORT, workers: WORKERS });
  const token = await signIn(app.apiUrl, app.env.BOOTSTRAP_ADMIN_EMAIL!, app.env.BOOTSTRAP_ADMIN_PASSWORD!);
  await createFixtureZones(app.apiUrl, token, 'CN-SZ-PINGSHAN');
  await permitFleet(databaseUrl, vehicles);
  const alertOpenedAt = new Map<string, number>();
  const alertStream = await watchAlerts(app.apiUrl, token, alertOpenedAt);
  const pool = new Pool(app.apiUrl, {
    connections: CONNECTIONS,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });

  const latencies: number[] = [];
  const lags: number[] = [];
  let accepted = 0;
  let refused = 0;
  let peak = { api: 0, worker: 0, total: 0 };
  let measuring = false;
  let producing = true;

  const send = async (v: SimVehicle): Promise<void> => {
    if (v.inFlight || v.buffer.length === 0) return;
    v.inFlight = true;
    const batch = v.buffer.slice(0, 1000);
    const started = performance.now();
    try {
      const res = await pool.request({
        path: '/v1/telemetry',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
        body: `{"points":[${batch.join(',')}]}`,
      });
      const body = (await res.body.json()) as { accepted?: number };
      if (measuring) latencies.push(performance.now() - started);
      if (res.statusCode === 202) {
        v.buffer.splice(0, batch.length);
        v.bufferFirstSeq += batch.length;
        if (measuring) accepted += body.accepted ?? 0;
        v.pending.push([v.bufferFirstSeq - 1, Date.now()]);
        v.firstAcceptedAt ??= Date.now();
      } else {
        refused += 1;
      }
    } finally {
      v.inFlight = false;
    }
  };

  // Each vehicle ticks every BATCH_S seconds, staggered evenly.
  const timers = vehicles.map((v, i) =>
    setTimeout(
      function tick() {
        if (producing) produce(v, Date.now());
        void send(v);
        timers[i] = setTimeout(tick, BATCH_S * 1000);
      },
      (i / vehicles.length) * BATCH_S * 1000,
    ),
  );

  // Lag: the time from a 202 until the watermark shows its points stored (polled every 250 ms).
  const byId = new Map(vehicles.map((v) => [v.id, v]));
  const lagClient = new Client({ connectionString: databaseUrl });
  await lagClient.connect();
  const lagPoll = setInterval(() => {
    void lagClient
      .query<{ vehicle_id: string; seq: string }>(
        'SELECT vehicle_id, persisted_through_seq AS seq FROM vehicle_telemetry_state',
      )
      .then(({ rows }) => {
        const now = Date.now();
        for (const row of rows) {
          const v = byId.get(row.vehicle_id);
          if (!v) continue;
          while (v.pending.length && v.pending[0][0] <= Number(row.seq)) {
            const [, at] = v.pending.shift()!;
            if (measuring) lags.push(now - at);
          }
        }
      });
  }, 250);
  const rssPoll = setInterval(() => {
    const api = rssMb(app.api.pid);
    const worker = app.workers.reduce((t, w) => t + rssMb(w.pid), 0);
    peak = {
      api: Math.max(peak.api, api),
      worker: Math.max(peak.worker, worker),
      total: Math.max(peak.total, api + worker),
    };
  }, 1000);

  const storedNow = async (): Promise<number> =>
    Number(
      (
        await query<{ n: string }>(
          databaseUrl,
          'SELECT coalesce(sum(points_stored), 0) AS n FROM vehicle_telemetry_state',
        )
      )[0].n,
    );
  process.stdout.write(`warming up ${WARMUP_S} s, then measuring ${DURATION_S} s…\n`);
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  const storedAtStart = await storedNow();
  const processes = {
    api: [app.api.pid!],
    worker: app.workers.map((w) => w.pid!),
    postgres: pidsOf(/^postgres/),
    redis: pidsOf(/redis-server/),
    'load generator': [process.pid],
  };
  const cpuAtStart = Object.fromEntries(Object.entries(processes).map(([k, pids]) => [k, cpuSeconds(pids)]));
  const t0 = Date.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, DURATION_S * 1000));
  measuring = false;
  const elapsed = (Date.now() - t0) / 1000;
  const storedAtEnd = await storedNow();
  // PostgreSQL backends come and go; count the ones alive now too (their time since start is an upper bound).
  processes.postgres = [...new Set([...processes.postgres, ...pidsOf(/^postgres/)])];
  const cpu = Object.entries(processes)
    .map(([k, pids]) => `${k} ${((cpuSeconds(pids) - (cpuAtStart[k] ?? 0)) / elapsed).toFixed(2)}`)
    .join(', ');

  // Drain: stop producing, send what is buffered, wait for every watermark to reach the last seq.
  producing = false;
  const drainStart = Date.now();
  while (Date.now() - drainStart < 180_000) {
    await Promise.all(vehicles.map(send));
    const [{ behind }] = await query<{ behind: string }>(
      databaseUrl,
      `SELECT count(*) AS behind FROM unnest($1::uuid[], $2::bigint[]) AS v(id, last) LEFT JOIN vehicle_telemetry_state s ON s.vehicle_id = v.id WHERE coalesce(s.persisted_through_seq, 0) < v.last`,
      [vehicles.map((v) => v.id), vehicles.map((v) => v.seq)],
    );
    if (Number(behind) === 0 && vehicles.every((v) => v.buffer.length === 0)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const drainS = (Date.now() - drainStart) / 1000;
  timers.forEach(clearTimeout);
  clearInterval(lagPoll);
  clearInterval(rssPoll);
  alertStream.abort();
  await lagClient.end();
  await pool.close();

  const sent = vehicles.reduce((t, v) => t + v.seq, 0);
  const [{ total, distinct }] = await query<{ total: string; distinct: string }>(
    databaseUrl,
    'SELECT count(*) AS total, count(DISTINCT (vehicle_id, seq)) AS distinct FROM telemetry_points',
  );
  const [{ wrong }] = await query<{ wrong: string }>(
    databaseUrl,
    `SELECT count(*) AS wrong FROM unnest($1::uuid[], $2::bigint[]) AS v(id, last) LEFT JOIN vehicle_telemetry_state s ON s.vehicle_id = v.id WHERE coalesce(s.persisted_through_seq, 0) <> v.last`,
    [vehicles.map((v) => v.id), vehicles.map((v) => v.seq)],
  );
  const lost = sent - Number(distinct);
  const duplicated = Number(total) - Number(distinct);
  await app.stop();

  const copy = await copyBaseline(databaseUrl);
  const copyPps = copy.sameSchema;
  await dropDatabase(serverUrl, DATABASE);
  await deleteRedisKeys(redisUrl, prefix);

  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const violators = vehicles.filter((v) => v.violator);
  const alertLatencies = violators
    .filter((v) => v.firstAcceptedAt !== null && alertOpenedAt.has(v.id))
    .map((v) => alertOpenedAt.get(v.id)! - v.firstAcceptedAt!)
    .sort((a, b) => a - b);
  const p99Alert = percentile(alertLatencies, 99);
  const acceptedPps = Math.round(accepted / elapsed);
  const persistedPps = Math.round((storedAtEnd - storedAtStart) / elapsed);
  const rows: [string, string][] = [
    ['vehicles × rate', `${VEHICLES} × ${HZ} Hz, ${HZ * BATCH_S} points per request, ${WORKERS} worker process(es)`],
    ['measured for', `${elapsed.toFixed(1)} s after ${WARMUP_S} s warm-up`],
    ['accepted points/s', String(acceptedPps)],
    ['persisted + aggregated points/s', String(persistedPps)],
    [
      'HTTP latency p50 / p99',
      `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms (${latencies.length} requests, ${refused} refused 503/429)`,
    ],
    [
      'end-to-end lag p50 / p99',
      `${percentile(lags, 50)} / ${percentile(lags, 99)} ms (202 → watermark, polled every 250 ms)`,
    ],
    [
      'raw COPY, same table definition',
      `${copy.sameSchema} rows/s (${COPY_ROWS} rows, one connection, primary key + index as telemetry_points)`,
    ],
    [
      'raw COPY, bare table',
      `${copy.bare} rows/s (no indexes; ratio against it ${(persistedPps / copy.bare).toFixed(3)})`,
    ],
    ['persisted / COPY (same definition)', (persistedPps / copyPps).toFixed(3)],
    ['CPU cores used (of 2)', cpu],
    [
      'peak RSS api / worker / total',
      `${peak.api.toFixed(0)} / ${peak.worker.toFixed(0)} / ${peak.total.toFixed(0)} MB`,
    ],
    ['drain after load', `${drainS.toFixed(1)} s`],
    ['points sent / stored / lost / duplicated', `${sent} / ${distinct} / ${lost} / ${duplicated}`],
    ['watermarks not at last seq', wrong],
    [
      'alerts (OUTSIDE_ZONE) p50 / p99',
      `${percentile(alertLatencies, 50)} / ${p99Alert} ms from the first 202 to the SSE event; ${alertLatencies.length} of ${violators.length} violating vehicles (${(VIOLATION_SHARE * 100).toFixed(0)} %)`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write('\n' + rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
  process.stdout.write(
    `\ncommand: VEHICLES=${VEHICLES} HZ=${HZ} BATCH_S=${BATCH_S} DURATION_S=${DURATION_S} WORKERS=${WORKERS} VIOLATION_SHARE=${VIOLATION_SHARE} npm run bench:ingest\n`,
  );
  process.stdout.write(
    `RESULT persisted_pps=${persistedPps} accepted_pps=${acceptedPps} copy_pps=${copyPps} copy_ratio=${(persistedPps / copyPps).toFixed(3)} ` +
      `p50_http_ms=${percentile(latencies, 50).toFixed(1)} p99_http_ms=${percentile(latencies, 99).toFixed(1)} p99_lag_ms=${percentile(lags, 99)} ` +
      `lost=${lost} duplicated=${duplicated} peak_rss_mb=${peak.total.toFixed(0)} p99_alert_ms=${p99Alert}\n`,
  );
  process.exitCode =
    lost === 0 && duplicated === 0 && Number(wrong) === 0 && alertLatencies.length === violators.length ? 0 : 1;
}

/**
 * The database's ceiling for the same rows: COPY over one connection into a scratch table with the
 * point table's own definition (primary key and index), and into a bare table without indexes.
 */
async function copyBaseline(databaseUrl: string): Promise<{ sameSchema: number; bare: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('CREATE TABLE copy_same_schema (LIKE telemetry_points INCLUDING ALL)');
  await client.query('CREATE TABLE copy_bare (LIKE telemetry_points)');
  const rate = async (table: string): Promise<number> => {
    const vehicle = '00000000-0000-4000-8000-000000000001';
    const started = performance.now();
    const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
    const base = Date.now();
    for (let i = 0; i < COPY_ROWS; i += 5000) {
      let chunk = '';
      for (let j = i; j < Math.min(COPY_ROWS, i + 5000); j += 1) {
        const ts = new Date(base + j * 100).toISOString();
        chunk += `${vehicle}\t${j + 1}\t${ts}\t22.7${j % 1000}\t114.3${j % 1000}\t36\t90\t\\N\t1\t${ts}\n`;
      }
      if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
    }
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end();
    });
    return Math.round(COPY_ROWS / ((performance.now() - started) / 1000));
  };
  const sameSchema = await rate('copy_same_schema');
  const bare = await rate('copy_bare');
  await client.end();
  return { sameSchema, bare };
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
