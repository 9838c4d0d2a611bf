// globalSetup runs outside Jest's module mapper; resolve @app/* aliases from tsconfig.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, validateEnvironment } from '@app/core';
import {
  TEMPLATE_DATABASE,
  TEST_DATABASE_PREFIX,
  testDatabaseUrl,
  testRedisUrl,
  withMaintenanceClient,
} from './test-database';

/**
 * Once per run: drop test databases left by an interrupted run, then build a fresh template
 * database from the committed migrations. Each test file clones it (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  await withMaintenanceClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${TEST_DATABASE_PREFIX}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const url = testDatabaseUrl(TEMPLATE_DATABASE);
  const env = validateEnvironment({ ...process.env, DATABASE_URL: url, REDIS_URL: testRedisUrl() });
  const dataSource = new DataSource(buildDataSourceOptions(env));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
