import { type INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { register } from 'prom-client';
import { HTTP_DURATION_METRIC } from '@app/core';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Environment, validateEnvironment } from '@app/core';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { runPrefix, templateDatabase, testDatabaseUrl, testRedisUrl, withMaintenanceClient } from './test-database';

/** The platform admin every test context starts with (created at API start from the environment). */
export const TEST_ADMIN = { email: 'admin@test.local', password: 'test-admin-password-1' };

export interface TestContext {
  env: Environment;
  api: INestApplication;
  /** Present when the context was started with `worker: true`, or after startWorker(). */
  worker?: INestApplication;
  dataSource: DataSource;
  /** Starts the worker of a context started without one (a worker that comes up late). */
  startWorker(): Promise<INestApplication>;
  /** Verifies the audit chain every spec must leave intact, then stops the apps and drops the data. */
  close(): Promise<void>;
}

/**
 * Boots the real API (and, if asked, the real worker) against a private database cloned from
 * the migrated template and a private BullMQ key prefix on the real Redis.
 */
export async function startTestContext(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const id = `${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(5).toString('hex')}`;
  const database = `${runPrefix()}${id}`;
  await withMaintenanceClient((client) =>
    client.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDatabase()}"`),
  );

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(database),
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: `test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_POOL_SIZE: '4',
    SWAGGER_ENABLED: 'true',
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_HASH_SECRET: randomBytes(32).toString('hex'),
    BOOTSTRAP_ADMIN_EMAIL: TEST_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
  });
  const env = validateEnvironment(process.env);

  // Each app registers its own metrics in prom-client's global registry: separate processes in
  // production, one process here, so the second app's registration must not collide.
  let worker: INestApplication | undefined;
  if (options.worker) {
    worker = await createWorkerApp(env);
    await worker.init();
    register.removeSingleMetric(HTTP_DURATION_METRIC);
  }
  const api = await createApiApp(env);
  await api.init();

  const context: TestContext = {
    env,
    api,
    worker,
    dataSource: api.get(DataSource),
    async startWorker() {
      if (context.worker) return context.worker;
      // The API registered the HTTP metric in prom-client's global registry first.
      register.removeSingleMetric(HTTP_DURATION_METRIC);
      const late = await createWorkerApp(env);
      await late.init();
      return (context.worker = late);
    },
    async close() {
      try {
        const verdict = await api.get(AuditService).verify();
        if (!verdict.ok) throw new Error(`audit chain broken at entry ${verdict.firstBrokenSeq}: ${verdict.reason}`);
      } finally {
        await api.close();
        await context.worker?.close();
        await withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
        await deleteKeys(env.REDIS_URL, `${env.REDIS_KEY_PREFIX}:*`);
      }
    },
  };
  return context;
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
