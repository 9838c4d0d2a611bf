import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * True when a write failed on a unique index (SQLSTATE 23505), optionally a given one. Services
 * check first and answer a clear 409; this catches the race where two requests pass that check
 * at the same moment and the database refuses the second.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error instanceof QueryFailedError ? error.driverError : error) as PgError | null;
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
