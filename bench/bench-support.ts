import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { config as loadDotenv } from 'dotenv';

/** Repository root (bench files run from dist/bench). */
export const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

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

/** Drops and re-creates a scratch database, then runs the compiled migrations into it. */
export async function freshDatabase(serverUrl: string, database: string): Promise<string> {
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
    { ...process.env, DATABASE_URL: url },
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

/** Starts the compiled API and worker(s) as separate processes, as production runs them. */
export async function startApp(options: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  port: number;
  workers?: number;
  extraEnv?: Record<string, string>;
}): Promise<AppProcesses> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.prefix,
    PORT: String(options.port),
    LOG_LEVEL: 'warn',
    SWAGGER_ENABLED: 'false',
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_HASH_SECRET: randomBytes(32).toString('hex'),
    BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@bench.local',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
    DEMO_PASSWORD: '',
    ...options.extraEnv,
  };
  // PROFILE_DIR=/tmp/prof writes V8 CPU profiles of the API and workers there.
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const workers = Array.from({ length: options.workers ?? 1 }, (_, i) =>
    spawn('node', [...profile, join(DIST, 'apps/worker/src/main.js')], {
      env: { ...env, WORKER_PORT: String(options.port + 1 + i) },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const api = spawn('node', [...profile, join(DIST, 'apps/api/src/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const apiUrl = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${apiUrl}/health/ready`);
  for (let i = 0; i < workers.length; i += 1)
    await waitForHttp(`http://127.0.0.1:${options.port + 1 + i}/health/ready`);
  return {
    api,
    workers,
    env,
    apiUrl,
    async stop() {
      for (const child of [api, ...workers]) child.kill('SIGTERM');
      await Promise.all(
        [api, ...workers].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
      );
    },
  };
}

async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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
