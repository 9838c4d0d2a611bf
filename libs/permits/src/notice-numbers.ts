import { type EntityManager } from 'typeorm';
import { type PermitKind } from '@app/rules';

const KIND_CODES: Record<PermitKind, string> = {
  ROAD_TEST: 'RT',
  MANNED_PILOT: 'MP',
  DRIVERLESS_PILOT: 'DP',
  SMALL_UNMANNED_VEHICLE: 'SV',
};

/**
 * The next notice number, e.g. PS-RT-2026-000123: jurisdiction prefix, kind, year and a serial
 * that is gap-free per prefix (the counter row is locked by the update until the transaction ends).
 */
export async function nextNoticeNumber(
  manager: EntityManager,
  jurisdictionPrefix: string,
  kind: PermitKind,
  year: number,
): Promise<string> {
  const prefix = `${jurisdictionPrefix}-${KIND_CODES[kind]}-${year}`;
  const [{ last_serial }] = await manager.query<{ last_serial: number }[]>(
    `INSERT INTO notice_counters (prefix, last_serial) VALUES ($1, 1)
     ON CONFLICT (prefix) DO UPDATE SET last_serial = notice_counters.last_serial + 1 RETURNING last_serial`,
    [prefix],
  );
  return `${prefix}-${String(last_serial).padStart(6, '0')}`;
}
