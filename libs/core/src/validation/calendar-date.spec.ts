import { pastCalendarDateProblem } from './calendar-date';

describe('pastCalendarDateProblem', () => {
  const today = new Date('2026-11-23T10:00:00Z');
  it('accepts real dates up to today', () => {
    expect(pastCalendarDateProblem('2026-11-23', today)).toBeNull();
    expect(pastCalendarDateProblem('2024-02-29', today)).toBeNull();
  });
  it('refuses date-times, impossible dates and future dates', () => {
    expect(pastCalendarDateProblem('2025-01-01T10:00:00Z', today)).toBe('must be a date as YYYY-MM-DD');
    expect(pastCalendarDateProblem('2025-02-29', today)).toBe('is not a real calendar date');
    expect(pastCalendarDateProblem('0000-01-01', today)).toBe('is not a real calendar date');
    expect(pastCalendarDateProblem('2026-11-24', today)).toBe('must not be in the future');
  });
});
