/**
 * The fault lab: a private PostgreSQL and Redis on free ports, a migrated database, and the
 * compiled API and worker as child processes pointed at them, so a test can SIGKILL a worker or
 * restart a service without touching anything it did not start. Needs `npm run build` first.
 * Also the exact check after recovery: points, watermarks, aggregates, takeovers and alerts
 * against what the simulated vehicles sent.
 */
import { type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DEFAULT_JOB_OPTIONS, type JobPayload, QueueName } from '@app/core';
import { PERMITS_CHANGED_CHANNEL } from '@app/permits';
import {
  type BatchDeltas,
  dayFormatter,
  deltasForNewPoints,
  Mode,
  type ModeTotals,
  type TrackPoint,
  ZoneIndex,
} from '@app/telemetry';
import {
  appEnvironment,
  createFixtureZones,
  freePort,
  freshDatabase,
  insertEnterprise,
  insertRoadTestPermit,
  insertVehicles,
  PrivatePostgres,
  PrivateRedis,
  query,
  ROOT,
  signIn,
  startProcess,
  stopProcess,
} from '../../bench/bench-support';
import { SimVehicle } from './fleet';

export const JURISDICTION = 'CN-SZ-PINGSHAN';
const PERMITTED_ZONE = 'PS-WHOLE-DISTRICT';
const PREFIX = 'faults';
const DATABASE = 'av_permits_faults';

export interface LabProcess {
  child: ChildProcess;
  port: number;
}

export class FaultLab {
  readonly workers: LabProcess[] = [];
  /** Keeps the processes' log after stop() (set when a check failed). */
  keepLog = false;
  private api: LabProcess | null = null;
  private enterpriseId = '';
  private zoneIndex = new ZoneIndex([]);
  private permittedZoneId = '';
  private timeZone = '';
  private vehicleCount = 0;
  private permitCount = 0;
  private queueClient: Queue<JobPayload<'telemetry.persist'>> | null = null;
  private readonly redisClients: Redis[] = [];

  private constructor(
    readonly pg: PrivatePostgres,
    readonly redis: PrivateRedis,
    private readonly env: NodeJS.ProcessEnv,
    readonly logPath: string,
    private readonly logFd: number,
  ) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.api!.port}`;
  }

  get databaseUrl(): string {
    return this.env.DATABASE_URL!;
  }

  /** Starts the services, migrates, starts the API and one worker, loads the Pingshan zones. */
  static async start(): Promise<FaultLab> {
    if (!existsSync(join(ROOT, 'dist/apps/api/src/main.js')))
      throw new Error('the fault lab runs the compiled API and worker: npm run build first (npm run test:faults does)');
    const pg = await PrivatePostgres.start();
    const redis = await PrivateRedis.start().catch(async (error: unknown) => {
      await pg.destroy();
      throw error;
    });
    const logPath = join(tmpdir(), `av-faults-${process.pid}.log`);
    const env = appEnvironment({ databaseUrl: '', redisUrl: redis.url, prefix: PREFIX });
    const lab = new FaultLab(pg, redis, env, logPath, openSync(logPath, 'w'));
    try {
      env.DATABASE_URL = await freshDatabase(pg.url, DATABASE, env);
      const port = await freePort();
      lab.api = { child: await startProcess('api', env, port, lab.logFd), port };
      await lab.startWorker();
      await lab.loadFixtures();
      return lab;
    } catch (error) {
      lab.keepLog = true;
      await lab.stop();
      throw error;
    }
  }

  async startWorker(extraEnv: Record<string, string> = {}): Promise<LabProcess> {
    const port = await freePort();
    const worker = { child: await startProcess('worker', { ...this.env, ...extraEnv }, port, this.logFd), port };
    this.workers.push(worker);
    return worker;
  }

  async stopWorker(worker: LabProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await stopProcess(worker.child, signal);
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  /** SIGSTOP pauses the workers where they are (a stalled process), SIGCONT resumes them. */
  signalWorkers(signal: 'SIGSTOP' | 'SIGCONT'): void {
    for (const worker of this.workers) worker.child.kill(signal);
  }

  /** Replaces every worker with `count` new ones (stopped gracefully first). */
  async replaceWorkers(count: number, extraEnv: Record<string, string> = {}): Promise<void> {
    for (const worker of [...this.workers]) await this.stopWorker(worker, 'SIGTERM');
    for (let i = 0; i < count; i += 1) await this.startWorker(extraEnv);
  }

  /** The telemetry queue as the API sees it (same prefix and job options), for direct deliveries. */
  get queue(): Queue<JobPayload<'telemetry.persist'>> {
    if (!this.queueClient) {
      this.queueClient = new Queue(QueueName.Telemetry, {
        connection: this.client({ maxRetriesPerRequest: null }),
        prefix: PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // While Redis restarts; commands wait for the reconnection.
      this.queueClient.on('error', () => undefined);
    }
    return this.queueClient;
  }

  /** Repeating job schedules (maintenance and reports) the workers have registered in Redis. */
  async jobSchedules(): Promise<number> {
    let total = 0;
    for (const name of [QueueName.Maintenance, QueueName.Reports]) {
      const queue = new Queue(name, { connection: this.client(), prefix: PREFIX });
      queue.on('error', () => undefined);
      total += await queue.getJobSchedulersCount();
      await queue.close();
    }
    return total;
  }

  /** Waits until a worker holds a telemetry job (true), or gives up after timeoutMs (false). */
  async untilWorkerBusy(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.queue.getActiveCount()) > 0) return true;
    }
    return false;
  }

  /**
   * Vehicles of the lab's enterprise with a token each, all on one active road-test permit for the
   * whole district; `violators` of them drive south of it. The worker is told the permits changed.
   */
  async createVehicles(count: number, violators: number): Promise<SimVehicle[]> {
    const first = this.vehicleCount;
    this.vehicleCount += count;
    const vins = Array.from({ length: count }, (_, i) => `FAULT${String(first + i).padStart(12, '0')}`);
    const rows = await insertVehicles(this.databaseUrl, this.enterpriseId, JURISDICTION, vins);
    this.permitCount += 1;
    await insertRoadTestPermit(
      this.databaseUrl,
      {
        noticeNumber: `PS-RT-FAULT-${String(this.permitCount).padStart(6, '0')}`,
        enterpriseId: this.enterpriseId,
        jurisdictionCode: JURISDICTION,
        zoneId: this.permittedZoneId,
      },
      rows.map((r) => r.id),
    );
    // As the permit office does, so the worker's compliance cache reloads at once.
    await this.client().publish(`${PREFIX}:${PERMITS_CHANGED_CHANNEL}`, '1');
    return rows.map((row, i) => new SimVehicle(row.id, row.token, first + i, i < violators));
  }

  /**
   * Seconds until every vehicle's stored watermark reaches its target seq (polled; PostgreSQL may
   * still be coming back).
   */
  async untilStored(targets: Map<string, number>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const rows = await query<{ vehicle_id: string; seq: string }>(
        this.databaseUrl,
        'SELECT vehicle_id, persisted_through_seq AS seq FROM vehicle_telemetry_state WHERE vehicle_id = ANY($1::uuid[])',
        [[...targets.keys()]],
      ).catch(() => []);
      const stored = new Map(rows.map((r) => [r.vehicle_id, Number(r.seq)]));
      if ([...targets].every(([id, seq]) => (stored.get(id) ?? 0) >= seq)) return (Date.now() - started) / 1000;
      if (Date.now() - started > timeoutMs) throw new Error(`points not stored within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Compares everything stored for these vehicles with what they sent; see Verification. */
  async verify(vehicles: readonly SimVehicle[]): Promise<Verification> {
    const ids = vehicles.map((v) => v.id);
    const [points, states, daily, zoneDaily, takeovers, alerts] = await Promise.all([
      this.rows<{ vehicle_id: string; seq: number; ts: string; lat: number; lon: number; mode: number }>(
        `SELECT vehicle_id, seq::int AS seq, (extract(epoch FROM ts) * 1000)::bigint AS ts, lat, lon, mode FROM telemetry_points WHERE vehicle_id = ANY($1::uuid[])`,
        ids,
      ),
      this.rows<{ vehicle_id: string; persisted_through_seq: string; points_stored: string }>(
        'SELECT vehicle_id, persisted_through_seq, points_stored FROM vehicle_telemetry_state WHERE vehicle_id = ANY($1::uuid[])',
        ids,
      ),
      this.rows<StatsRow & { day: string }>(
        `SELECT vehicle_id, day::text AS day, ${MODE_COLUMNS}, points, position_jumps, quality_events FROM vehicle_daily_stats WHERE vehicle_id = ANY($1::uuid[])`,
        ids,
      ),
      this.rows<StatsRow & { day: string; zone_id: string }>(
        `SELECT vehicle_id, zone_id, day::text AS day, ${MODE_COLUMNS} FROM vehicle_zone_daily_stats WHERE vehicle_id = ANY($1::uuid[])`,
        ids,
      ),
      this.rows<{ vehicle_id: string; seq: string }>(
        'SELECT vehicle_id, seq FROM takeovers WHERE vehicle_id = ANY($1::uuid[])',
        ids,
      ),
      this.rows<{ vehicle_id: string; type: string; point_count: number }>(
        'SELECT vehicle_id, type, point_count FROM alerts WHERE vehicle_id = ANY($1::uuid[])',
        ids,
      ),
    ]);
    const grouped = new Map<unknown[], Map<string, unknown[]>>();
    const of = <T extends { vehicle_id: string }>(rows: T[], id: string): T[] => {
      let byVehicle = grouped.get(rows);
      if (!byVehicle) {
        grouped.set(rows, (byVehicle = new Map()));
        for (const row of rows) {
          const list = byVehicle.get(row.vehicle_id);
          if (list) list.push(row);
          else byVehicle.set(row.vehicle_id, [row]);
        }
      }
      return (byVehicle.get(id) ?? []) as T[];
    };
    const result: Verification = {
      sent: 0,
      stored: 0,
      lost: 0,
      duplicated: 0,
      resent: 0,
      watermarksBehind: 0,
      takeovers: takeovers.length,
      alerts: alerts.length,
      mismatches: [],
    };
    const mismatch = (v: SimVehicle, what: string, expected: unknown, actual: unknown): void => {
      if (JSON.stringify(expected) !== JSON.stringify(actual))
        result.mismatches.push(
          `vehicle ${v.index} ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
        );
    };
    const dayOf = dayFormatter(this.timeZone);
    for (const v of vehicles) {
      const sent = v.points.filter((p) => p.valid);
      const stored = of(points, v.id);
      const distinct = new Set(stored.map((p) => p.seq));
      result.sent += sent.length;
      result.stored += distinct.size;
      result.lost += sent.filter((p) => !distinct.has(p.seq)).length;
      result.duplicated += stored.length - distinct.size;
      result.resent += v.pointSends - v.points.length;
      const bySeq = new Map(stored.map((p) => [p.seq, p]));
      const contentDiffers = sent.filter((p) => {
        const row = bySeq.get(p.seq);
        return row && (Number(row.ts) !== p.ts || row.lat !== p.lat || row.lon !== p.lon || row.mode !== Mode[p.mode]);
      });
      mismatch(
        v,
        'points stored with other values than sent',
        [],
        contentDiffers.map((p) => p.seq),
      );
      mismatch(v, 'valid points rejected by the API', 0, v.validRejected);
      const sentSeqs = new Set(sent.map((p) => p.seq));
      mismatch(
        v,
        'stored seqs that were never valid',
        [],
        stored.filter((p) => !sentSeqs.has(p.seq)).map((p) => p.seq),
      );

      const [state] = of(states, v.id);
      if (Number(state?.persisted_through_seq ?? 0) !== v.lastSeq) result.watermarksBehind += 1;
      mismatch(v, 'watermark', v.lastSeq, Number(state?.persisted_through_seq ?? 0));
      mismatch(v, 'points_stored', sent.length, Number(state?.points_stored ?? 0));

      const track: TrackPoint[] = sent.map((p) => ({
        seq: p.seq,
        ts: p.ts,
        lat: p.lat,
        lon: p.lon,
        mode: Mode[p.mode],
        zones: this.zoneIndex.zonesAt(JURISDICTION, p.lat, p.lon),
      }));
      const trackBySeq = new Map(track.map((p) => [p.seq, p]));
      const expected: BatchDeltas = deltasForNewPoints(track, (seq) => trackBySeq.get(seq), dayOf);
      mismatch(
        v,
        'daily stats',
        sortByKey([...expected.daily].map(([day, t]) => ({ key: day, ...t }))),
        sortByKey(
          of(daily, v.id).map((r) => ({
            key: r.day,
            ...modeTotals(r),
            points: Number(r.points),
            positionJumps: Number(r.position_jumps),
            qualityEvents: Number(r.quality_events),
          })),
        ),
      );
      mismatch(
        v,
        'zone daily stats',
        sortByKey([...expected.zoneDaily].map(([key, t]) => ({ key, ...t }))),
        sortByKey(of(zoneDaily, v.id).map((r) => ({ key: `${r.zone_id}|${r.day}`, ...modeTotals(r) }))),
      );
      mismatch(
        v,
        'takeover seqs',
        expected.takeovers.map((t) => t.seq).sort((a, b) => a - b),
        of(takeovers, v.id)
          .map((t) => Number(t.seq))
          .sort((a, b) => a - b),
      );
      const outside = track.filter((p) => !p.zones.includes(this.permittedZoneId)).length;
      mismatch(
        v,
        'alerts (type: points)',
        outside > 0 ? { OUTSIDE_ZONE: outside } : {},
        Object.fromEntries(of(alerts, v.id).map((a) => [a.type, a.point_count])),
      );
    }
    if (result.mismatches.length > 0 || result.lost > 0 || result.duplicated > 0) this.keepLog = true;
    return result;
  }

  /** Stops every process it started and removes the services' data (and the log, unless a check failed). */
  async stop(): Promise<void> {
    // A paused worker would never act on SIGTERM.
    this.signalWorkers('SIGCONT');
    await this.queueClient?.close();
    for (const client of this.redisClients) client.disconnect();
    const processes = this.api ? [this.api, ...this.workers] : this.workers;
    await Promise.all(processes.map((p) => stopProcess(p.child)));
    await Promise.all([this.pg.destroy(), this.redis.destroy()]);
    closeSync(this.logFd);
    if (!this.keepLog) rmSync(this.logPath, { force: true });
  }

  private client(options: { maxRetriesPerRequest?: null } = {}): Redis {
    const client = new Redis(this.redis.url, options);
    // Reconnects by itself after a restart; failed commands report themselves.
    client.on('error', () => undefined);
    this.redisClients.push(client);
    return client;
  }

  private rows<T>(sql: string, ids: string[]): Promise<T[]> {
    return query<T & Record<string, unknown>>(this.databaseUrl, sql, [ids]);
  }

  /** An enterprise, the Pingshan fixture zones (through the API, as regulators create them), the zone index. */
  private async loadFixtures(): Promise<void> {
    const token = await signIn(this.apiUrl, this.env.BOOTSTRAP_ADMIN_EMAIL!, this.env.BOOTSTRAP_ADMIN_PASSWORD!);
    await createFixtureZones(this.apiUrl, token, JURISDICTION);
    const areas = await query<{ id: string; code: string; area: string }>(
      this.databaseUrl,
      'SELECT id, code, ST_AsGeoJSON(area) AS area FROM zones WHERE jurisdiction_code = $1',
      [JURISDICTION],
    );
    this.zoneIndex = new ZoneIndex(
      areas.map((a) => ({ id: a.id, jurisdictionCode: JURISDICTION, area: JSON.parse(a.area) as never })),
    );
    this.permittedZoneId = areas.find((a) => a.code === PERMITTED_ZONE)!.id;
    [{ timezone: this.timeZone }] = await query<{ timezone: string }>(
      this.databaseUrl,
      'SELECT timezone FROM jurisdictions WHERE code = $1',
      [JURISDICTION],
    );
    this.enterpriseId = await insertEnterprise(this.databaseUrl, 'Fault Mobility', '91440310MA5FAULT01', JURISDICTION);
  }
}

/**
 * What the platform holds for a set of vehicles after recovery, against what they sent. `lost`:
 * valid points sent but not stored; `duplicated`: stored rows beyond one per seq; `resent`: point
 * sends beyond the first (the vehicles' resends from the watermark); `mismatches`: any difference
 * in stored values, watermark, daily and zone aggregates, takeovers or alerts.
 */
export interface Verification {
  sent: number;
  stored: number;
  lost: number;
  duplicated: number;
  resent: number;
  watermarksBehind: number;
  takeovers: number;
  alerts: number;
  mismatches: string[];
}

interface StatsRow {
  vehicle_id: string;
  autonomous_mm: string;
  manual_mm: string;
  remote_mm: string;
  autonomous_ms: string;
  manual_ms: string;
  remote_ms: string;
  points: string;
  position_jumps: string;
  quality_events: string;
}

const MODE_COLUMNS = 'autonomous_mm, manual_mm, remote_mm, autonomous_ms, manual_ms, remote_ms';

const modeTotals = (r: StatsRow): ModeTotals => ({
  autonomousMm: Number(r.autonomous_mm),
  manualMm: Number(r.manual_mm),
  remoteMm: Number(r.remote_mm),
  autonomousMs: Number(r.autonomous_ms),
  manualMs: Number(r.manual_ms),
  remoteMs: Number(r.remote_ms),
});

const sortByKey = <T extends { key: string }>(rows: T[]): T[] => rows.sort((a, b) => a.key.localeCompare(b.key));
