import { problemValidator } from './problem-validator';

/** Why a value is not a calendar date (YYYY-MM-DD), or null. */
export function calendarDateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a date as YYYY-MM-DD';
  const date = new Date(`${value}T00:00:00Z`);
  // Year 0 parses in JavaScript but PostgreSQL has none (1 BC precedes AD 1), and refuses it.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || value < '0001')
    return 'is not a real calendar date';
  return null;
}

/** Why a value is not a calendar date (YYYY-MM-DD) on or before today (UTC), or null. */
export function pastCalendarDateProblem(value: unknown, today = new Date()): string | null {
  const problem = calendarDateProblem(value);
  if (problem) return problem;
  return (value as string) > today.toISOString().slice(0, 10) ? 'must not be in the future' : null;
}

/** A real calendar date: the pattern alone lets 2026-13-45 through to the database. */
export const IsCalendarDate = problemValidator('isCalendarDate', calendarDateProblem);

/** A date that has happened: evidence and licences cannot be dated in the future. */
export const IsPastCalendarDate = problemValidator('isPastCalendarDate', (value) => pastCalendarDateProblem(value));
