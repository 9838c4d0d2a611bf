import fc from 'fast-check';
import { addCalendarMonths, isWithinJurisdiction, lastDayOfCalendarMonths, monthsAndDays } from './facts';
import { allOf, anyOf, cny } from './results';

const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();

describe('calendar months', () => {
  it('lands on the last day of a shorter month', () => {
    expect(iso(addCalendarMonths(at('2026-01-31T00:00:00Z'), 1))).toBe('2026-02-28T00:00:00.000Z');
    expect(iso(addCalendarMonths(at('2026-08-31T16:00:00Z'), 18))).toBe('2028-02-29T16:00:00.000Z');
    expect(iso(addCalendarMonths(at('2026-12-01T00:00:00Z'), 18))).toBe('2028-06-01T00:00:00.000Z');
  });

  it('measures whole months and remaining days', () => {
    expect(monthsAndDays(at('2026-12-01'), at('2028-06-02'))).toEqual({ months: 18, days: 1 });
    expect(monthsAndDays(at('2026-12-15'), at('2027-01-14'))).toEqual({ months: 0, days: 30 });
  });

  it('measures exactly n months after adding n months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 0, max: 60 }),
        (from, months) => {
          const to = addCalendarMonths(from, months);
          expect(to).toBeGreaterThanOrEqual(from);
          expect(monthsAndDays(from, to).months).toBe(months);
        },
      ),
    );
  });
});

describe('last day of a period of calendar months', () => {
  it('ends the day before the same date n months later, and never spills into the next month', () => {
    expect(lastDayOfCalendarMonths('2026-01-01', 6)).toBe('2026-06-30');
    expect(lastDayOfCalendarMonths('2026-08-31', 6)).toBe('2027-02-27');
    expect(lastDayOfCalendarMonths('2027-08-31', 6)).toBe('2028-02-28');
  });

  it('always ends within the period the period rule allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2035, 0, 1) / 86_400_000 }),
        fc.integer({ min: 1, max: 60 }),
        (day, months) => {
          const from = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const last = Date.parse(lastDayOfCalendarMonths(from, months));
          expect(last).toBeGreaterThanOrEqual(Date.parse(from));
          expect(last).toBeLessThan(addCalendarMonths(Date.parse(from), months));
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('formats CNY with thousands separators', () => {
    expect(cny(5_000_000)).toBe('CNY 5,000,000');
    expect(cny(999)).toBe('CNY 999');
    expect(cny(1234567.5)).toBe('CNY 1,234,567.5');
  });

  it('combines outcomes: all conditions take the worst, alternatives the best', () => {
    expect(allOf('pass', 'needs_evidence', 'fail')).toBe('fail');
    expect(allOf('pass', 'needs_evidence')).toBe('needs_evidence');
    expect(allOf()).toBe('pass');
    expect(anyOf('fail', 'needs_evidence')).toBe('needs_evidence');
    expect(anyOf('fail', 'pass')).toBe('pass');
    expect(anyOf()).toBe('fail');
  });

  it('places districts within their city', () => {
    expect(isWithinJurisdiction('CN-SZ-PINGSHAN', 'CN-SZ')).toBe(true);
    expect(isWithinJurisdiction('CN-SZ', 'CN-SZ')).toBe(true);
    expect(isWithinJurisdiction('CN-SZX', 'CN-SZ')).toBe(false);
  });
});
