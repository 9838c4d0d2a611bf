// @app/core brings Nest's decorators, which need the metadata polyfill loaded first.
import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { config as loadDotenv } from 'dotenv';
import { issueToken } from '@app/core';

/** Repository root: bench files run from dist/bench, and the fault tests import them from bench/. */
export const ROOT = basename(join(__dirname, '..')) === 'dist' ? join(__dirname, '..', '..') : join(__dirname, '..');
export const DIST = join(ROOT, 'dist');

export function serviceUrls(): { databaseUrl: string; redisUrl: string } {
  loadDotenv({ path: join(ROOT, '.env'), quiet: true });
  return {
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/av_permits',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function query<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Drops and re-creates a scratch database, then runs the compiled migrations into it (the
 * migration process gets `env`, which must satisfy the environment validation).
 */
export async function freshDatabase(
  serverUrl: string,
  database: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const maintenance = withDatabase(serverUrl, 'postgres');
  await query(maintenance, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await query(maintenance, `CREATE DATABASE "${database}"`);
  const url = withDatabase(serverUrl, database);
  await run(
    'node',
    [
      join(ROOT, 'node_modules/typeorm/cli.js'),
      'migration:run',
      '-d',
      join(DIST, 'libs/core/src/database/data-source.js'),
    ],
    { ...env, DATABASE_URL: url },
  );
  return url;
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await query(withDatabase(serverUrl, 'postgres'), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

export interface AppProcesses {
  api: ChildProcess;
  workers: ChildProcess[];
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  stop(): Promise<void>;
}

export interface AppOptions {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** The API's port; workers listen on the following ones. */
  port: number;
  workers?: number;
  extraEnv?: Record<string, string>;
}

/** The environment the compiled API and workers run with: production mode, fresh secrets. */
export function appEnvironment(options: Omit<AppOptions, 'port' | 'workers'>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.prefix,
    LOG_LEVEL: 'warn',
    SWAGGER_ENABLED: 'false',
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_HASH_SECRET: randomBytes(32).toString('hex'),
    BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@bench.local',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
    DEMO_PASSWORD: '',
    ...options.extraEnv,
  };
}

/**
 * Starts the compiled API or one worker on a port, as production runs them, once it answers
 * /health/ready. Logs: stderr to the terminal (stdout dropped), or both to an open file descriptor.
 */
export async function startProcess(
  kind: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  port: number,
  log: 'inherit' | number = 'inherit',
): Promise<ChildProcess> {
  const child = spawnProcess(kind, env, port, log);
  await waitReady(child, port);
  return child;
}

function spawnProcess(
  kind: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  port: number,
  log: 'inherit' | number,
): ChildProcess {
  // PROFILE_DIR=/tmp/prof writes V8 CPU profiles of the API and workers there.
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  return spawn('node', [...profile, join(DIST, `apps/${kind}/src/main.js`)], {
    env: { ...env, [kind === 'api' ? 'PORT' : 'WORKER_PORT']: String(port) },
    stdio: ['ignore', log === 'inherit' ? 'ignore' : log, log],
  });
}

/** Sends a signal and resolves once the process is gone (at once if it already is). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Starts the compiled API and worker(s) as separate processes, as production runs them. */
export async function startApp(options: AppOptions): Promise<AppProcesses> {
  const env = appEnvironment(options);
  const workerPorts = Array.from({ length: options.workers ?? 1 }, (_, i) => options.port + 1 + i);
  const workers = workerPorts.map((port) => spawnProcess('worker', env, port, 'inherit'));
  const api = spawnProcess('api', env, options.port, 'inherit');
  await waitReady(api, options.port);
  for (const [i, worker] of workers.entries()) await waitReady(worker, workerPorts[i]);
  return {
    api,
    workers,
    env,
    apiUrl: `http://127.0.0.1:${options.port}`,
    async stop() {
      await Promise.all([api, ...workers].map((child) => stopProcess(child)));
    },
  };
}

async function waitReady(child: ChildProcess, port: number, timeoutMs = 30_000): Promise<void> {
  const url = `http://127.0.0.1:${port}/health/ready`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Resident set size of a process in MB, from /proc. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const zonesFixture = (): {
  features: { properties: Record<string, unknown>; geometry: unknown }[];
} => JSON.parse(readFileSync(join(ROOT, 'seeds/fixtures/zones.geojson'), 'utf8')) as never;

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by the given processes, from /proc/<pid>/stat. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* process gone */
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** Pids of processes whose command line matches (e.g. every postgres backend). */
export function pidsOf(pattern: RegExp): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (pattern.test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '))) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** A free TCP port on the loopback interface, chosen by the operating system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs a command quietly; its stderr is part of the error when it fails. */
function runQuiet(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'exit', not 'close': a server that pg_ctl starts may inherit the pipe and keep it open.
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`)),
    );
    child.on('error', reject);
  });
}

/**
 * A directory for a private service of this process, <tmp>/av-private-<kind>-<pid>-XXXXXX. Services
 * left behind by runs that are gone (killed before their teardown) are stopped and removed first;
 * nothing else is ever touched.
 */
function privateDir(kind: 'pg' | 'redis'): string {
  const prefix = `av-private-${kind}-`;
  for (const entry of readdirSync(tmpdir())) {
    const owner = entry.startsWith(prefix) ? Number(entry.slice(prefix.length).split('-')[0]) : NaN;
    if (!Number.isInteger(owner) || alive(owner)) continue;
    const dir = join(tmpdir(), entry);
    if (kind === 'pg' && existsSync(join(dir, 'data', 'postmaster.pid'))) {
      try {
        execFileSync(...pgTool('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']), { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    }
    if (kind === 'redis' && existsSync(join(dir, 'redis.pid'))) {
      // "<pid> <port>": only a redis-server still serving that private port is ours.
      const [pid, port] = readFileSync(join(dir, 'redis.pid'), 'utf8').split(' ').map(Number);
      const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
      if (command.startsWith('redis-server') && command.includes(`:${port}`)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
}

/** The newest PostgreSQL server installed with PostGIS (Debian layout). */
function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = (existsSync(base) ? readdirSync(base) : [])
    .filter(
      (v) =>
        existsSync(join(base, v, 'bin', 'initdb')) &&
        existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`),
    )
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0)
    throw new Error(`no PostgreSQL server with PostGIS under ${base} (install postgresql-<version>-postgis-3)`);
  return join(base, versions[0], 'bin');
}

/** A PostgreSQL server tool's command line; as root it runs as the postgres user (initdb refuses root). */
function pgTool(tool: string, args: string[]): [string, string[]] {
  const path = join(postgresBinDir(), tool);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/**
 * A PostgreSQL server of its own (initdb in a temporary directory, a free port), so tests can
 * stop and restart it without touching the machine's server.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** The server's maintenance database: give it to freshDatabase. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = privateDir('pg');
    if (process.getuid?.() === 0) {
      const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, id('-u'), id('-g'));
    }
    const pg = new PrivatePostgres(dir, await freePort());
    await pg.run('initdb', ['-D', pg.data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
    await pg.startServer();
    return pg;
  }

  async startServer(): Promise<void> {
    // fsync off: durability against power loss is not what these runs measure; a clean stop still checkpoints.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    const log = join(this.dir, 'server.log');
    await this.run('pg_ctl', ['-D', this.data, '-l', log, '-w', '-o', options, 'start']);
  }

  /** 'fast' rolls back open transactions and disconnects every client, as an orderly restart does. */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  private run(tool: string, args: string[]): Promise<void> {
    return runQuiet(...pgTool(tool, args));
  }
}

/** A redis-server of its own on a free port, without persistence: a restart loses every key. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(privateDir('redis'), await freePort());
    await redis.startServer();
    return redis;
  }

  async startServer(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = spawn('redis-server', [...args, '--dir', this.dir], { stdio: 'ignore' });
    writeFileSync(join(this.dir, 'redis.pid'), `${this.child.pid} ${this.port}`);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      } finally {
        client.disconnect();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stopServer(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child) await stopProcess(this.child, signal);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.stopServer();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Signs in through the API and returns the access token. */
export async function signIn(apiUrl: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${apiUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in as ${email}: ${login.status}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The jurisdiction's fixture zones, created through the API as a regulator or platform admin would. */
export async function createFixtureZones(apiUrl: string, accessToken: string, jurisdictionCode: string): Promise<void> {
  for (const f of zonesFixture().features.filter((z) => z.properties.jurisdiction === jurisdictionCode)) {
    const res = await fetch(`${apiUrl}/v1/zones`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        code: f.properties.id,
        name: f.properties.name,
        kind: f.properties.kind,
        jurisdictionCode,
        geometry: f.geometry,
        bufferMeters: f.properties.bufferMeters,
      }),
    });
    if (res.status !== 201) throw new Error(`zone ${String(f.properties.id)}: ${res.status} ${await res.text()}`);
  }
}

/** A verified enterprise written straight to the database (load fixtures need thousands of vehicles fast). */
export async function insertEnterprise(
  databaseUrl: string,
  name: string,
  creditCode: string,
  jurisdictionCode: string,
): Promise<string> {
  const [{ id }] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO enterprises (name, credit_code, jurisdiction_code, contact_name, contact_phone, contact_email, status)
     VALUES ($1, $2, $3, 'Fixture', '13800138000', 'fixture@bench.local', 'VERIFIED') RETURNING id`,
    [name, creditCode, jurisdictionCode],
  );
  return id;
}

/** Passenger cars with one telemetry token each, in the order of `vins`. */
export async function insertVehicles(
  databaseUrl: string,
  enterpriseId: string,
  jurisdictionCode: string,
  vins: string[],
): Promise<{ id: string; vin: string; token: string }[]> {
  const inserted = await query<{ id: string; vin: string }>(
    databaseUrl,
    `INSERT INTO vehicles (enterprise_id, jurisdiction_code, vin, category, automation_level, seats, configuration_version, configuration_fingerprint)
     SELECT $1, $2, vin, 'PASSENGER_CAR', 'L4', 5, 1, repeat('0', 64) FROM unnest($3::text[]) AS vin RETURNING id, vin`,
    [enterpriseId, jurisdictionCode, vins],
  );
  const rows = vins.map((vin) => ({ ...inserted.find((r) => r.vin === vin)!, ...issueToken('vt') }));
  await query(
    databaseUrl,
    `INSERT INTO vehicle_credentials (vehicle_id, token_hash, token_prefix) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    [rows.map((r) => r.id), rows.map((r) => r.tokenHash), rows.map((r) => r.tokenPrefix)],
  );
  return rows.map(({ id, vin, token }) => ({ id, vin, token }));
}

/** An active road-test permit on one zone for these vehicles. */
export async function insertRoadTestPermit(
  databaseUrl: string,
  permit: { noticeNumber: string; enterpriseId: string; jurisdictionCode: string; zoneId: string },
  vehicleIds: string[],
): Promise<void> {
  const [{ id }] = await query<{ id: string }>(
    databaseUrl,
    `INSERT INTO permits (notice_number, application_id, enterprise_id, jurisdiction_code, kind, status, valid_from, valid_to, zone_ids, conditions, issued_by)
     VALUES ($1, gen_random_uuid(), $2, $3, 'ROAD_TEST', 'ACTIVE', current_date - 10, current_date + 100, ARRAY[$4::uuid],
       '{"night":false,"adverseWeather":false,"expressway":false,"passengers":false,"cargo":false,"scenes":[]}', gen_random_uuid())
     RETURNING id`,
    [permit.noticeNumber, permit.enterpriseId, permit.jurisdictionCode, permit.zoneId],
  );
  await query(
    databaseUrl,
    `INSERT INTO permit_vehicles (permit_id, vehicle_id, application_id) SELECT $1, v, gen_random_uuid() FROM unnest($2::uuid[]) AS v`,
    [id, vehicleIds],
  );
}
