import { dayFormatter } from '@app/telemetry';

/** Calendar days [start, end] (YYYY-MM-DD, both inclusive) in the jurisdiction's time zone. */
export interface ReportPeriod {
  /** `2026-10` for a month, `2026-H2` for a half-year. */
  label: string;
  start: string;
  end: string;
}

export type PeriodLength = 'month' | 'half-year';

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HALF_YEAR_LABEL = /^(\d{4})-H([12])$/;

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function monthPeriod(year: number, month: number): ReportPeriod {
  return {
    label: `${year}-${pad(month)}`,
    start: `${year}-${pad(month)}-01`,
    end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
  };
}

/** H1 is January to June, H2 July to December. */
export function halfYearPeriod(year: number, half: 1 | 2): ReportPeriod {
  return half === 1
    ? { label: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30` }
    : { label: `${year}-H2`, start: `${year}-07-01`, end: `${year}-12-31` };
}

/** The period a label names, if it has the given length (`2026-10` is a month, `2026-H2` a half-year). */
export function parsePeriod(label: string, length: PeriodLength): ReportPeriod | null {
  if (length === 'month') {
    const month = MONTH_LABEL.exec(label);
    return month ? monthPeriod(Number(month[1]), Number(month[2])) : null;
  }
  const half = HALF_YEAR_LABEL.exec(label);
  return half ? halfYearPeriod(Number(half[1]), half[2] === '1' ? 1 : 2) : null;
}

/** The period of the given length that starts on `start` (a stored report's period_start). */
export function periodStartingOn(start: string, length: PeriodLength): ReportPeriod {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return length === 'month' ? monthPeriod(year, month) : halfYearPeriod(year, month <= 6 ? 1 : 2);
}

/** The calendar month before the one containing `today`. */
export function previousMonth(today: string): ReportPeriod {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
}

/** The calendar half-year containing `day`. */
export function halfYearOf(day: string): ReportPeriod {
  return halfYearPeriod(Number(day.slice(0, 4)), Number(day.slice(5, 7)) <= 6 ? 1 : 2);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return dayFormatter(timeZone)(instant.getTime());
}

/** The instant a calendar day starts in a time zone (midnight local time). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  // Correct by the zone's offset, then once more in case the offset differs at the corrected instant (DST).
  const first = asUtc - offsetMs(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetMs(new Date(first), timeZone));
}

/** The calendar day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
