import fc from 'fast-check';
import { PermitStatus } from '@app/permits';
import { parsePeriod } from './periods';
import {
  type ActivityFacts,
  contentSha256,
  enterpriseMonthlyReport,
  type EnterpriseMonthlyInput,
  noticeFilingReport,
  type PermitFacts,
  permitMonthlyReport,
  type PermitMonthlyInput,
  type ReportContent,
} from './report-content';

const october = parsePeriod('2026-10', 'month')!;
const pingshan = { code: 'CN-SZ-PINGSHAN', name: { zh: '深圳市坪山区', en: 'Pingshan' }, timeZone: 'Asia/Shanghai' };
const enterprise = { id: 'ent-1', name: '测试出行', creditCode: '91440310MA5XXXXXX1' };

const vehicle = (id: string, vin: string, addedOn = '2026-09-01') => ({
  vehicleId: id,
  vin,
  plate: `粤B${vin.slice(-5)}D`,
  vehicleCode: null,
  addedOn,
});

/** Valid 1 Sep to 20 Oct; vehicle B joins on 15 Oct. */
const permit: PermitFacts = {
  id: 'permit-1',
  noticeNumber: 'PS-MP-2026-000001',
  kind: 'MANNED_PILOT',
  validFrom: '2026-09-01',
  validTo: '2026-10-20',
  vehicles: [vehicle('veh-b', 'LBVB0000000000002', '2026-10-15'), vehicle('veh-a', 'LBVA0000000000001')],
};

const day = (vehicleId: string, date: string, autonomousKm: number, manualKm = 0) => ({
  vehicleId,
  day: date,
  autonomousMm: autonomousKm * 1_000_000,
  manualMm: manualKm * 1_000_000,
  remoteMm: 0,
  autonomousMs: 3_600_000,
  manualMs: manualKm > 0 ? 1_800_000 : 0,
  remoteMs: 0,
});

const facts: ActivityFacts = {
  days: [
    day('veh-a', '2026-09-30', 100), // before the month
    day('veh-a', '2026-10-01', 12.5, 2),
    day('veh-a', '2026-10-21', 50), // after the validity
    day('veh-b', '2026-10-10', 30), // before it joined the permit
    day('veh-b', '2026-10-16', 7.25),
  ],
  events: [
    { vehicleId: 'veh-a', day: '2026-10-01', source: 'TAKEOVER', type: 'TAKEOVER', count: 4 },
    { vehicleId: 'veh-a', day: '2026-10-01', source: 'INCIDENT', type: 'COLLISION', count: 1 },
    { vehicleId: 'veh-a', day: '2026-10-01', source: 'ALERT', type: 'OUTSIDE_ZONE', count: 2 },
    { vehicleId: 'veh-a', day: '2026-10-21', source: 'ALERT', type: 'NO_ACTIVE_PERMIT', count: 1 },
    { vehicleId: 'veh-b', day: '2026-10-10', source: 'TAKEOVER', type: 'TAKEOVER', count: 9 },
  ],
  trips: [
    { permitId: 'permit-1', vehicleId: 'veh-a', trips: 2, passengers: 5, cargoTonnes: 0.75, revenueCny: 76.5 },
    { permitId: 'permit-1', vehicleId: 'veh-b', trips: 1, passengers: 1, cargoTonnes: 0, revenueCny: 0.1 },
    { permitId: 'permit-1', vehicleId: 'veh-b', trips: 1, passengers: 2, cargoTonnes: 0, revenueCny: 0.2 },
  ],
};

const permitInput: PermitMonthlyInput = { jurisdiction: pingshan, period: october, enterprise, permit, ...facts };

describe('permit monthly report', () => {
  const report = permitMonthlyReport(permitInput);

  it('counts each vehicle only on the days it was on the permit, within the month and the validity', () => {
    expect(report.rows.map((r) => [r.vin, r.from, r.to])).toEqual([
      ['LBVA0000000000001', '2026-10-01', '2026-10-20'],
      ['LBVB0000000000002', '2026-10-15', '2026-10-20'],
    ]);
    const [a, b] = report.rows;
    expect(a).toMatchObject({ autonomousKm: 12.5, manualKm: 2, autonomousHours: 1, manualHours: 0.5, takeovers: 4 });
    expect(a.kmPerTakeover).toBe(3.125);
    expect(a.incidents).toBe(1);
    expect(a.incidentsByKind).toEqual({ COLLISION: 1, TRAFFIC_VIOLATION: 0 });
    expect(a.alertsOpened).toBe(2);
    expect(a.alertsByType.OUTSIDE_ZONE).toBe(2);
    expect(a.alertsByType.NO_ACTIVE_PERMIT).toBe(0);
    expect(b).toMatchObject({ autonomousKm: 7.25, takeovers: 0, kmPerTakeover: null, trips: 2, revenueCny: 0.3 });
  });

  it('totals the vehicles and keeps money and tonnes exact', () => {
    expect(report.totals).toMatchObject({
      vehicles: 2,
      autonomousKm: 19.75,
      takeovers: 4,
      kmPerTakeover: 4.938,
      trips: 4,
      passengers: 8,
      cargoTonnes: 0.75,
      revenueCny: 76.8,
    });
  });

  it('cites the periodic-report rules of the jurisdiction’s pack in the header', () => {
    expect(report.header.rules.map((r) => r.id)).toEqual(['CN-NAT-REPORT', 'GD-REPORT']);
    expect(report.header.periodicReport).toEqual({ intervalMonths: 3, isDefault: false });
    expect(report.header.title).toEqual({ zh: '通知书月度运行报告', en: 'Permit monthly report' });
    const beijing = permitMonthlyReport({
      ...permitInput,
      jurisdiction: { ...pingshan, code: 'CN-BJ-YIZHUANG' },
    });
    expect(beijing.header.rules.map((r) => r.id)).toEqual(['CN-NAT-REPORT']);
    expect(beijing.header.periodicReport).toEqual({ intervalMonths: 6, isDefault: true });
  });

  it('leaves out a vehicle added after the month', () => {
    const later = permitMonthlyReport({
      ...permitInput,
      permit: { ...permit, validTo: '2027-06-30', vehicles: [vehicle('veh-c', 'LBVC0000000000003', '2026-11-02')] },
    });
    expect(later.rows).toEqual([]);
    expect(later.totals.vehicles).toBe(0);
  });
});

describe('enterprise monthly report', () => {
  const roadTest: PermitFacts = {
    id: 'permit-0',
    noticeNumber: 'PS-RT-2026-000001',
    kind: 'ROAD_TEST',
    validFrom: '2026-03-01',
    validTo: '2027-02-28',
    vehicles: [vehicle('veh-a', 'LBVA0000000000001')],
  };
  const input: EnterpriseMonthlyInput = {
    jurisdiction: pingshan,
    period: october,
    enterprise,
    permits: [permit, roadTest],
    ...facts,
  };

  it('has a row per permit and totals that count a vehicle on two permits once per day', () => {
    const report = enterpriseMonthlyReport(input);
    expect(report.rows.map((r) => [r.noticeNumber, r.vehicles, r.autonomousKm])).toEqual([
      ['PS-MP-2026-000001', 2, 19.75],
      // The road-test permit covers veh-a all month, including 21 Oct.
      ['PS-RT-2026-000001', 1, 62.5],
    ]);
    // veh-a: 1 Oct and 21 Oct once each; veh-b: 16 Oct.
    expect(report.totals).toMatchObject({ vehicles: 2, autonomousKm: 69.75, takeovers: 4, trips: 4 });
    expect(report.totals.alertsByType.NO_ACTIVE_PERMIT).toBe(1);
    expect(report.header.notes).toHaveLength(2);
  });
});

describe('semi-annual notice filing', () => {
  it('counts the notices issued in the half-year and the statuses of all issued by its end, by kind', () => {
    const permits = [
      { kind: 'ROAD_TEST' as const, status: PermitStatus.Active, issuedOn: '2026-07-01' },
      { kind: 'ROAD_TEST' as const, status: PermitStatus.Suspended, issuedOn: '2026-12-31' },
      { kind: 'ROAD_TEST' as const, status: PermitStatus.Expired, issuedOn: '2025-03-10' },
      { kind: 'DRIVERLESS_PILOT' as const, status: PermitStatus.Revoked, issuedOn: '2026-08-15' },
      // Issued after the half-year: not in this filing.
      { kind: 'DRIVERLESS_PILOT' as const, status: PermitStatus.Active, issuedOn: '2027-01-01' },
    ];
    const report = noticeFilingReport({
      jurisdiction: pingshan,
      period: parsePeriod('2026-H2', 'half-year')!,
      permits,
    });
    expect(report.header.rules.map((r) => r.id)).toEqual(['CN-NAT-FILING']);
    expect(
      report.rows.map(({ kind, issued, active, suspended, revoked, expired }) => ({
        kind,
        issued,
        active,
        suspended,
        revoked,
        expired,
      })),
    ).toEqual([
      { kind: 'ROAD_TEST', issued: 2, active: 1, suspended: 1, revoked: 0, expired: 1 },
      { kind: 'MANNED_PILOT', issued: 0, active: 0, suspended: 0, revoked: 0, expired: 0 },
      { kind: 'DRIVERLESS_PILOT', issued: 1, active: 0, suspended: 0, revoked: 1, expired: 0 },
      { kind: 'SMALL_UNMANNED_VEHICLE', issued: 0, active: 0, suspended: 0, revoked: 0, expired: 0 },
    ]);
    expect(report.totals).toEqual({ issued: 3, active: 1, suspended: 1, revoked: 1, expired: 1 });
  });
});

describe('report content hash', () => {
  /** Reverses the key order at every depth, as a jsonb round trip may reorder keys. */
  const reordered = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reordered)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reordered(v)]),
          )
        : value;

  it('does not depend on key order, and changes with the figures', () => {
    const report = permitMonthlyReport(permitInput);
    expect(contentSha256(reordered(report) as ReportContent)).toBe(contentSha256(report));
    const more = permitMonthlyReport({ ...permitInput, days: [...facts.days, day('veh-a', '2026-10-02', 1)] });
    expect(contentSha256(more)).not.toBe(contentSha256(report));
  });

  it('gives the same content and hash whatever order the facts arrive in', () => {
    const vehicleIds = ['veh-a', 'veh-b', 'veh-c'];
    const octoberDay = fc.integer({ min: 1, max: 31 }).map((d) => `2026-10-${String(d).padStart(2, '0')}`);
    const arbitraryFacts = fc.record({
      days: fc.array(
        fc.record({
          vehicleId: fc.constantFrom(...vehicleIds),
          day: octoberDay,
          autonomousMm: fc.nat(500_000_000),
          manualMm: fc.nat(500_000_000),
          remoteMm: fc.nat(500_000_000),
          autonomousMs: fc.nat(86_400_000),
          manualMs: fc.nat(86_400_000),
          remoteMs: fc.nat(86_400_000),
        }),
        { maxLength: 30 },
      ),
      events: fc.array(
        fc.record({
          vehicleId: fc.constantFrom(...vehicleIds),
          day: octoberDay,
          source: fc.constantFrom('TAKEOVER' as const, 'INCIDENT' as const, 'ALERT' as const),
          type: fc.constantFrom('TAKEOVER', 'COLLISION', 'OUTSIDE_ZONE', 'OVERSPEED'),
          count: fc.integer({ min: 1, max: 20 }),
        }),
        { maxLength: 30 },
      ),
      trips: fc.array(
        fc.record({
          permitId: fc.constantFrom('permit-1', 'permit-0'),
          vehicleId: fc.constantFrom(...vehicleIds),
          trips: fc.integer({ min: 1, max: 50 }),
          passengers: fc.nat(200),
          cargoTonnes: fc.integer({ min: 0, max: 1_000_000 }).map((kg) => kg / 1000),
          revenueCny: fc.integer({ min: 0, max: 10_000_000 }).map((fen) => fen / 100),
        }),
        { maxLength: 10 },
      ),
    });
    const shuffled = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length });
    const permits: PermitFacts[] = [
      { ...permit, vehicles: [...permit.vehicles, vehicle('veh-c', 'LBVC0000000000003', '2026-10-03')] },
      {
        ...permit,
        id: 'permit-0',
        noticeNumber: 'PS-RT-2026-000009',
        validTo: '2027-01-31',
        vehicles: [vehicle('veh-a', 'LBVA0000000000001')],
      },
    ];
    fc.assert(
      fc.property(
        arbitraryFacts.chain((f) =>
          fc.tuple(
            fc.constant(f),
            fc.record({
              days: shuffled(f.days),
              events: shuffled(f.events),
              trips: shuffled(f.trips),
              permits: shuffled(permits),
            }),
          ),
        ),
        ([original, other]) => {
          const base = { jurisdiction: pingshan, period: october, enterprise };
          const a = enterpriseMonthlyReport({ ...base, permits, ...original });
          const b = enterpriseMonthlyReport({ ...base, ...other });
          expect(b).toEqual(a);
          expect(contentSha256(b)).toBe(contentSha256(a));
          const single = permitMonthlyReport({ ...base, permit: permits[0], ...original });
          expect(permitMonthlyReport({ ...base, permit: permits[0], ...other }).totals).toEqual(single.totals);
        },
      ),
    );
  });
});
