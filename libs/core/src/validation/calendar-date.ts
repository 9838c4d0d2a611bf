import { problemValidator } from './problem-validator';

/** Why a value is not a calendar date (YYYY-MM-DD) on or before today (UTC), or null. */
export function pastCalendarDateProblem(value: unknown, today = new Date()): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a date as YYYY-MM-DD';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'is not a real calendar date';
  if (value > today.toISOString().slice(0, 10)) return 'must not be in the future';
  return null;
}

/** A date that has happened: evidence and licences cannot be dated in the future. */
export const IsPastCalendarDate = problemValidator('isPastCalendarDate', (value) => pastCalendarDateProblem(value));
