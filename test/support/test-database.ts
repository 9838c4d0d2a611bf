import { config as loadDotenv } from 'dotenv';
import { Client } from 'pg';

/** Every test database starts with this prefix; none is ever the development database. */
export const TEST_DATABASE_PREFIX = 'av_permits_test_';
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}template`;

function serverUrl(): URL {
  loadDotenv({ path: '.env', quiet: true });
  return new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/av_permits');
}

export function testDatabaseUrl(database: string): string {
  const url = serverUrl();
  url.pathname = `/${database}`;
  return url.toString();
}

export function testRedisUrl(): string {
  loadDotenv({ path: '.env', quiet: true });
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
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
