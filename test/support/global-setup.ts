// globalSetup runs outside Jest's module mapper; resolve @app/* aliases from tsconfig.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, validateEnvironment } from '@app/core';
import {
  runOf,
  TEST_DATABASE_PREFIX,
  templateDatabase,
  testDatabaseUrl,
  testRedisUrl,
  withMaintenanceClient,
} from './test-database';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Once per run: drop test databases left by runs that are no longer alive, then build this run's
 * template database from the committed migrations. Each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AV_TEST_RUN = String(process.pid);
  await withMaintenanceClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${TEST_DATABASE_PREFIX}%`,
    ]);
    for (const { datname } of rows) {
      const run = runOf(datname);
      if (run === null || !alive(run)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${templateDatabase()}"`);
  });
  const url = testDatabaseUrl(templateDatabase());
  const env = validateEnvironment({
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: testRedisUrl(),
    JWT_ACCESS_SECRET: 'x'.repeat(32),
    IDENTITY_HASH_SECRET: 'x'.repeat(32),
  });
  const dataSource = new DataSource({ ...buildDataSourceOptions(env), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
