import fc from 'fast-check';
import {
  halfYearOf,
  localDate,
  nextDay,
  parsePeriod,
  periodStartingOn,
  previousMonth,
  startOfLocalDay,
} from './periods';

describe('report periods', () => {
  it('parses months and half-years, and nothing else', () => {
    expect(parsePeriod('2026-10', 'month')).toEqual({ label: '2026-10', start: '2026-10-01', end: '2026-10-31' });
    expect(parsePeriod('2028-02', 'month')?.end).toBe('2028-02-29');
    expect(parsePeriod('2026-H1', 'half-year')).toEqual({ label: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(parsePeriod('2026-H2', 'half-year')).toEqual({ label: '2026-H2', start: '2026-07-01', end: '2026-12-31' });
    expect(parsePeriod('2026-H2', 'month')).toBeNull();
    expect(parsePeriod('2026-10', 'half-year')).toBeNull();
    expect(parsePeriod('2026-13', 'month')).toBeNull();
  });

  it('finds the month before and the half-year containing a day, and a stored period from its start', () => {
    expect(previousMonth('2027-01-01').label).toBe('2026-12');
    expect(previousMonth('2026-11-01')).toEqual({ label: '2026-10', start: '2026-10-01', end: '2026-10-31' });
    expect(halfYearOf('2026-06-20').label).toBe('2026-H1');
    expect(halfYearOf('2026-12-20').label).toBe('2026-H2');
    expect(periodStartingOn('2026-07-01', 'month').label).toBe('2026-07');
    expect(periodStartingOn('2026-07-01', 'half-year').label).toBe('2026-H2');
  });

  it('takes calendar days in the jurisdiction’s time zone', () => {
    const instant = new Date('2026-09-30T16:30:00Z');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-10-01');
    expect(localDate(instant, 'UTC')).toBe('2026-09-30');
    expect(startOfLocalDay('2026-10-01', 'Asia/Shanghai').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    // Daylight saving starts at 02:00 on 8 March 2026 in Los Angeles: that midnight is still UTC-8.
    expect(startOfLocalDay('2026-03-08', 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });

  it('places every instant between the start of its local day and the start of the next', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata'),
        (instant, zone) => {
          const day = localDate(instant, zone);
          expect(startOfLocalDay(day, zone).getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(startOfLocalDay(nextDay(day), zone).getTime()).toBeGreaterThan(instant.getTime());
        },
      ),
    );
  });
});
