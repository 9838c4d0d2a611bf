import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP_DURATION_METRIC } from '@app/core';
import {
  appEnvironment,
  DIST,
  freePort,
  freshDatabase,
  PrivatePostgres,
  PrivateRedis,
  startProcess,
  stopProcess,
} from '../../bench/bench-support';

/** Runs a compiled script to its end; resolves with its exit code and output. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('node', [join(DIST, script), ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const telemetryRequests = async (apiUrl: string): Promise<number> => {
  const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`${HTTP_DURATION_METRIC}_count`) && l.includes('route="/v1/telemetry"'));
  return line ? Number(line.split(' ').pop()) : 0;
};

/**
 * Scale-out on one machine: two API processes and two worker processes on one PostgreSQL and one
 * Redis (private instances), the demo fleet seeded at Pingshan's scale, and the simulator driving
 * it through both APIs. Every point must be stored once and the mileage must match to the metre.
 */
describe('two APIs and two workers on shared PostgreSQL and Redis', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  const processes: ChildProcess[] = [];
  const workdir = mkdtempSync(join(tmpdir(), 'av-scale-out-'));

  afterAll(async () => {
    for (const child of processes) await stopProcess(child);
    await redis?.destroy();
    await pg?.destroy();
    rmSync(workdir, { recursive: true, force: true });
  });

  it('keeps the simulated fleet’s totals exact', async () => {
    pg = await PrivatePostgres.start();
    redis = await PrivateRedis.start();
    const demoPassword = 'scale-out-demo-password';
    const env = appEnvironment({
      databaseUrl: '',
      redisUrl: redis.url,
      prefix: 'scale-out',
      extraEnv: { RATE_LIMIT_PER_MINUTE: '100000' },
    });
    env.DATABASE_URL = await freshDatabase(pg.url, 'av_permits_scale_out', env);
    // The apps run in production mode, which refuses demo passwords: only the seed and the simulator get one.
    const demo = { ...env, NODE_ENV: 'development', DEMO_PASSWORD: demoPassword };
    // The demo seed writes the vehicles' tokens to <cwd>/.run/demo-vehicles.json.
    const seeded = await run('seeds/run.js', [], demo, workdir);
    expect(seeded.output).toContain('12 enterprises, 205 vehicles');
    expect(seeded.code).toBe(0);

    const apiPorts = [await freePort(), await freePort()];
    for (const port of apiPorts) processes.push(await startProcess('api', env, port));
    for (let i = 0; i < 2; i += 1) processes.push(await startProcess('worker', env, await freePort()));
    const apis = apiPorts.map((port) => `http://127.0.0.1:${port}`);

    const simulated = await run(
      'apps/simulator/src/main.js',
      [
        '--api',
        apis.join(','),
        '--duration',
        '20',
        '--batch',
        '4',
        '--vehicles-file',
        join(workdir, '.run/demo-vehicles.json'),
      ],
      demo,
      workdir,
    );
    const result = simulated.output.split('\n').find((line) => line.startsWith('RESULT '));
    expect(result).toBeDefined();
    const figures = Object.fromEntries(
      result!
        .slice('RESULT '.length)
        .split(' ')
        .map((kv) => kv.split('=')),
    );
    expect(figures).toMatchObject({ vehicles: '205', mismatched: '0', max_diff_m: '0.000' });
    expect(figures.persisted).toBe(figures.expected);
    expect(Number(figures.persisted)).toBeGreaterThan(4000);
    expect(simulated.code).toBe(0);
    // Both replicas took telemetry, and both workers are still up.
    for (const api of apis) expect(await telemetryRequests(api)).toBeGreaterThan(100);
    expect(processes.every((child) => child.exitCode === null)).toBe(true);
  });
});
