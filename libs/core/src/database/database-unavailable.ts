import { QueryFailedError } from 'typeorm';

/**
 * SQLSTATEs of a server shutting down, restarting or refusing connections (class 08 and 57P0x),
 * and the socket errors of a server that is not there.
 */
const UNAVAILABLE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
]);
/** node-postgres reports a dropped connection or a pool connect timeout without a code. */
const UNAVAILABLE_MESSAGE = /^Connection terminated|^timeout exceeded when trying to connect/;

/**
 * True when a query failed because PostgreSQL cannot be reached right now (down, restarting,
 * connection dropped), not because of the query: the same request can succeed once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = (error instanceof QueryFailedError ? error.driverError : error) as {
    code?: unknown;
    message?: unknown;
  } | null;
  if (!cause || typeof cause !== 'object') return false;
  if (typeof cause.code === 'string' && UNAVAILABLE_CODES.has(cause.code)) return true;
  return typeof cause.message === 'string' && UNAVAILABLE_MESSAGE.test(cause.message);
}
