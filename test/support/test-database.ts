import { parse } from 'dotenv';
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Every test database starts with this; none is ever the development database. */
export const TEST_DATABASE_PREFIX = 'av_permits_test_';

/**
 * This run's databases are named after the process that started Jest (set in global setup and
 * inherited by the workers), so two test runs on one server never touch each other's databases.
 */
export function runPrefix(): string {
  const run = process.env.AV_TEST_RUN;
  if (!run) throw new Error('AV_TEST_RUN is not set: run the tests through jest (its global setup sets it)');
  return `${TEST_DATABASE_PREFIX}${run}_`;
}

export const templateDatabase = (): string => `${runPrefix()}template`;

/** The pid a test database belongs to, or null for names not made by this scheme. */
export function runOf(database: string): number | null {
  const match = new RegExp(`^${TEST_DATABASE_PREFIX}(\\d+)_`).exec(database);
  return match ? Number(match[1]) : null;
}

/**
 * The developer's service URLs: the environment, else .env, else the defaults. Only these two are
 * read from .env (without touching process.env), so tests behave the same with or without it.
 */
function serviceSetting(name: 'DATABASE_URL' | 'REDIS_URL', fallback: string): string {
  const file = existsSync('.env') ? parse(readFileSync('.env')) : {};
  return process.env[name] ?? file[name] ?? fallback;
}

function serverUrl(): URL {
  return new URL(serviceSetting('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/av_permits'));
}

export function testDatabaseUrl(database: string): string {
  const url = serverUrl();
  url.pathname = `/${database}`;
  return url.toString();
}

export function testRedisUrl(): string {
  return serviceSetting('REDIS_URL', 'redis://127.0.0.1:6379/0');
}

/** Runs work on the server's maintenance database (for CREATE/DROP DATABASE). */
export async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
