import {
  type DocumentFact,
  type DocumentType,
  type EligibilityFacts,
  type PermitKind,
  type PriorPermitFact,
  type VehicleFact,
} from './types';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** China Standard Time has no daylight saving, so a fixed offset names the end of a calendar day. */
const CHINA_STANDARD_OFFSET = '+08:00';

/** When a document stops being valid: a bare date is valid through the end of that day in China. */
function validUntilInstant(validUntil: string): number {
  return DATE_ONLY.test(validUntil)
    ? Date.parse(`${validUntil}T23:59:59.999${CHINA_STANDARD_OFFSET}`)
    : Date.parse(validUntil);
}

/** Documents valid at the evaluation instant; expired ones count as absent. */
export function currentDocuments(facts: EligibilityFacts): DocumentFact[] {
  const now = Date.parse(facts.now);
  return facts.documents.filter((doc) => doc.validUntil === undefined || validUntilInstant(doc.validUntil) >= now);
}

/** Current documents of the given types that cover the vehicle (fleet-wide ones cover every vehicle). */
export function documentsCovering(
  facts: EligibilityFacts,
  vehicle: VehicleFact,
  types: readonly DocumentType[],
): DocumentFact[] {
  return currentDocuments(facts).filter(
    (doc) => types.includes(doc.type) && (doc.vehicleId === undefined || doc.vehicleId === vehicle.id),
  );
}

/** Current application-level documents of one type. */
export function documentsOfType(facts: EligibilityFacts, type: DocumentType): DocumentFact[] {
  return currentDocuments(facts).filter((doc) => doc.type === type);
}

/** Permits that prove a stage was reached: granted and not withdrawn (suspended ones are under investigation). */
const STATUSES_THAT_COUNT: readonly PriorPermitFact['status'][] = ['ACTIVE', 'EXPIRED'];

/** Whether a jurisdiction code is `family` or one of its parts (CN-SZ-PINGSHAN is within CN-SZ). */
export const isWithinJurisdiction = (code: string, family: string): boolean =>
  code === family || code.startsWith(`${family}-`);

/** The vehicle's permits of a kind that count, optionally only those from one jurisdiction family. */
export function permitsHeld(vehicle: VehicleFact, kind: PermitKind, jurisdictionFamily?: string): PriorPermitFact[] {
  return vehicle.priorPermits.filter(
    (permit) =>
      permit.kind === kind &&
      (jurisdictionFamily === undefined || isWithinJurisdiction(permit.jurisdiction, jurisdictionFamily)) &&
      STATUSES_THAT_COUNT.includes(permit.status),
  );
}

/** How the messages name a vehicle: the VIN people can check against the vehicle. */
export const vehicleLabel = (vehicle: VehicleFact): string => vehicle.vin;

/** Calendar date part of an ISO string, as people read it in messages. */
export const datePart = (iso: string): string => iso.slice(0, 10);

function daysInUtcMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The last day (YYYY-MM-DD) of a period of `months` calendar months starting on `date`: the day
 * before `addCalendarMonths`, so a permit never outlasts what the period rule allows.
 */
export const lastDayOfCalendarMonths = (date: string, months: number): string =>
  datePart(new Date(addCalendarMonths(Date.parse(`${date}T00:00:00Z`), months) - DAY_MS).toISOString());

/** The instant `months` calendar months later; the 31st of a month lands on the last day of shorter months. */
export function addCalendarMonths(instant: number, months: number): number {
  const date = new Date(instant);
  const target = new Date(instant);
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = daysInUtcMonth(target.getUTCFullYear(), target.getUTCMonth());
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}

const DAY_MS = 86_400_000;

/** Whole calendar months and the remaining whole days from `from` to `to` (from ≤ to). */
export function monthsAndDays(from: number, to: number): { months: number; days: number } {
  const start = new Date(from);
  const end = new Date(to);
  // Start from the calendar difference and correct by at most a month either way.
  let months = Math.max(
    0,
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth(),
  );
  while (months > 0 && addCalendarMonths(from, months) > to) months -= 1;
  while (addCalendarMonths(from, months + 1) <= to) months += 1;
  const days = Math.floor((to - addCalendarMonths(from, months)) / DAY_MS);
  return { months, days };
}
