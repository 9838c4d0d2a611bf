import { evaluate } from '../engine';
import {
  aDocument,
  anOperator,
  aRemoteOfficer,
  aVehicle,
  factsFor,
  resultOf,
  resultsOf,
  withDocuments,
  withoutDocuments,
  withVehicle,
  withVehicles,
} from '../testing/eligibility-facts.factory';
import { type EligibilityFacts, type OperatorFact, type RuleOutcome } from '../types';
import { NATIONAL_PACK } from './national.pack';

const run = (facts: EligibilityFacts) => evaluate(NATIONAL_PACK, facts);
const outcomeOf = (facts: EligibilityFacts, key: string, subjectId?: string): RuleOutcome =>
  resultOf(run(facts), key, subjectId).outcome;

describe('CN-NAT-ENTITY-TEST', () => {
  it('needs a verified enterprise', () => {
    const facts = factsFor('ROAD_TEST');
    expect(outcomeOf(facts, 'CN-NAT-ENTITY-TEST/legal-entity')).toBe('pass');
    const unverified = resultOf(
      run({ ...facts, enterprise: { ...facts.enterprise, verified: false } }),
      'CN-NAT-ENTITY-TEST/legal-entity',
    );
    expect(unverified).toMatchObject({
      outcome: 'needs_evidence',
      subject: { type: 'enterprise', id: 'ent-1' },
      citation: { article: 'Art.5', confidence: 'S' },
    });
    expect(unverified.message.en).toContain('not yet verified');
  });

  it('needs every capability document and names the missing one', () => {
    const result = resultOf(
      run(withoutDocuments(factsFor('ROAD_TEST'), 'REMOTE_MONITORING_CAPABILITY')),
      'CN-NAT-ENTITY-TEST/capabilities',
    );
    expect(result.outcome).toBe('needs_evidence');
    expect(result.message.en).toContain('capability documents 2 of 3 (missing: proof of real-time remote monitoring)');
    expect(result.message.zh).toContain('远程实时监控能力证明');
  });

  it('treats an expired document as absent; a bare date is valid through that day in China', () => {
    const expiring = (validUntil: string) =>
      withDocuments(factsFor('ROAD_TEST'), 'EVALUATION_PROCEDURE', aDocument('EVALUATION_PROCEDURE', { validUntil }));
    expect(outcomeOf(expiring('2026-11-22'), 'CN-NAT-ENTITY-TEST/capabilities')).toBe('needs_evidence');
    expect(outcomeOf(expiring('2026-11-23'), 'CN-NAT-ENTITY-TEST/capabilities')).toBe('pass');
    expect(outcomeOf(expiring('2026-11-23T07:59:59Z'), 'CN-NAT-ENTITY-TEST/capabilities')).toBe('needs_evidence');
  });
});

describe('CN-NAT-INS', () => {
  const withLiability = (amountCny?: number) =>
    withDocuments(factsFor('ROAD_TEST'), 'LIABILITY_INSURANCE', aDocument('LIABILITY_INSURANCE', { amountCny }));

  it('fails below CNY 5,000,000 per vehicle and passes at it, stating both amounts', () => {
    const below = resultOf(run(withLiability(4_999_999)), 'CN-NAT-INS/liability', 'veh-1');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('CNY 4,999,999');
    expect(below.message.en).toContain('≥ CNY 5,000,000 per vehicle');
    expect(below.message.zh).toContain('CNY 4,999,999');
    expect(outcomeOf(withLiability(5_000_000), 'CN-NAT-INS/liability', 'veh-1')).toBe('pass');
  });

  it('returns one result per vehicle, with the vehicle as subject', () => {
    const results = resultsOf(run(factsFor('ROAD_TEST')), 'CN-NAT-INS/liability');
    expect(results.map((result) => result.subject)).toEqual([
      { type: 'vehicle', id: 'veh-1' },
      { type: 'vehicle', id: 'veh-2' },
    ]);
  });

  it('accepts a guarantee letter instead of insurance, and the larger cover decides', () => {
    const letterOnly = withDocuments(
      withoutDocuments(factsFor('ROAD_TEST'), 'LIABILITY_INSURANCE'),
      'GUARANTEE_LETTER',
      aDocument('GUARANTEE_LETTER', { amountCny: 5_000_000 }),
    );
    expect(outcomeOf(letterOnly, 'CN-NAT-INS/liability', 'veh-1')).toBe('pass');
    const both = withDocuments(
      withLiability(3_000_000),
      'GUARANTEE_LETTER',
      aDocument('GUARANTEE_LETTER', { amountCny: 6_000_000 }),
    );
    expect(outcomeOf(both, 'CN-NAT-INS/liability', 'veh-1')).toBe('pass');
  });

  it('needs evidence when compulsory insurance, the cover or its amount is missing', () => {
    const noCompulsory = withoutDocuments(factsFor('ROAD_TEST'), 'COMPULSORY_INSURANCE');
    expect(outcomeOf(noCompulsory, 'CN-NAT-INS/liability', 'veh-1')).toBe('needs_evidence');
    const noCover = withoutDocuments(factsFor('ROAD_TEST'), 'LIABILITY_INSURANCE');
    expect(resultOf(run(noCover), 'CN-NAT-INS/liability', 'veh-1')).toMatchObject({ outcome: 'needs_evidence' });
    expect(resultOf(run(withLiability(undefined)), 'CN-NAT-INS/liability', 'veh-1').message.en).toContain(
      'without an amount',
    );
    // A cover below the threshold is a fail even when another document is also missing.
    expect(outcomeOf(withoutDocuments(withLiability(1), 'COMPULSORY_INSURANCE'), 'CN-NAT-INS/liability', 'veh-1')).toBe(
      'fail',
    );
  });

  it('counts a vehicle-specific policy for its vehicle only', () => {
    const facts = withDocuments(
      factsFor('ROAD_TEST'),
      'LIABILITY_INSURANCE',
      aDocument('LIABILITY_INSURANCE', { amountCny: 5_000_000, vehicleId: 'veh-1' }),
    );
    expect(outcomeOf(facts, 'CN-NAT-INS/liability', 'veh-1')).toBe('pass');
    expect(outcomeOf(facts, 'CN-NAT-INS/liability', 'veh-2')).toBe('needs_evidence');
  });

  it('asks for seat insurance only when passengers are carried', () => {
    const manned = factsFor('MANNED_PILOT');
    expect(outcomeOf(withoutDocuments(manned, 'SEAT_INSURANCE'), 'CN-NAT-INS/seat', 'veh-2')).toBe('needs_evidence');
    const noPassengers = { ...manned, conditions: { ...manned.conditions, passengers: false, cargo: true } };
    expect(resultsOf(run(withoutDocuments(noPassengers, 'SEAT_INSURANCE')), 'CN-NAT-INS/seat')).toEqual([]);
  });
});

describe('CN-NAT-DRIVER', () => {
  const withOperator = (changes: Partial<OperatorFact>) =>
    factsFor('ROAD_TEST', 'CN-NATIONAL', { operators: [anOperator({ id: 'op-1', ...changes })] });

  it('fails below 3 years of driving and passes at 3, stating both', () => {
    const two = resultOf(run(withOperator({ drivingYears: 2 })), 'CN-NAT-DRIVER', 'op-1');
    expect(two.outcome).toBe('fail');
    expect(two.message.en).toContain('2 years of driving, needs ≥ 3');
    expect(two.message.zh).toContain('驾龄 2 年（要求 ≥ 3 年）');
    expect(outcomeOf(withOperator({ drivingYears: 3 }), 'CN-NAT-DRIVER', 'op-1')).toBe('pass');
  });

  it.each([
    ['noFullScoreInLastThreeCycles', 'no full 12-point score in the last 3 scoring cycles'],
    ['noDrinkOrDrugDriving', 'no drink or drug driving'],
    ['noSeriousAtFaultAccident', 'no at-fault accident causing death or serious injury'],
    ['noSeriousViolationLastYear', 'no serious traffic violation in the last year'],
  ] as const)('fails when %s is not declared', (declaration, label) => {
    const result = resultOf(run(withOperator({ [declaration]: false })), 'CN-NAT-DRIVER', 'op-1');
    expect(result.outcome).toBe('fail');
    expect(result.message.en).toContain(`declarations not met: ${label}`);
  });

  it('needs evidence of training', () => {
    expect(outcomeOf(withOperator({ hasTrainingCertificate: false }), 'CN-NAT-DRIVER', 'op-1')).toBe('needs_evidence');
  });

  it('needs an operator on board except for driverless applications', () => {
    const none = resultOf(run(factsFor('ROAD_TEST', 'CN-NATIONAL', { operators: [] })), 'CN-NAT-DRIVER');
    expect(none).toMatchObject({ outcome: 'needs_evidence' });
    expect(none.message.en).toContain('no safety operator declared (0)');
    expect(resultsOf(run(factsFor('DRIVERLESS_PILOT')), 'CN-NAT-DRIVER')).toEqual([]);
  });
});

describe('CN-NAT-CLOSED', () => {
  it('needs a passed closed-field report per vehicle, from the vehicle record or a document', () => {
    const noReport = withVehicle(factsFor('ROAD_TEST'), 'veh-2', { hasClosedFieldReport: false });
    expect(outcomeOf(noReport, 'CN-NAT-CLOSED', 'veh-1')).toBe('pass');
    expect(resultOf(run(noReport), 'CN-NAT-CLOSED', 'veh-2').message.en).toContain('closed-field report missing');
    const withDocument = withDocuments(
      noReport,
      'CLOSED_FIELD_REPORT',
      aDocument('CLOSED_FIELD_REPORT', { vehicleId: 'veh-2' }),
    );
    expect(outcomeOf(withDocument, 'CN-NAT-CLOSED', 'veh-2')).toBe('pass');
  });
});

describe('CN-NAT-CYBER', () => {
  it('needs the assessment for connected vehicles and says why', () => {
    const result = resultOf(run(withoutDocuments(factsFor('ROAD_TEST'), 'CYBERSECURITY_ASSESSMENT')), 'CN-NAT-CYBER');
    expect(result.outcome).toBe('needs_evidence');
    expect(result.message.en).toContain('cybersecurity risk assessment missing or expired');
    expect(result.message.en).toContain('2 connected or undeclared vehicles');
  });

  it('is not needed when no vehicle is connected and nothing is remotely controlled', () => {
    const offline = withVehicles(factsFor('ROAD_TEST', 'CN-NATIONAL', { remoteControlPlatform: false }), {
      connected: false,
    });
    expect(outcomeOf(withoutDocuments(offline, 'CYBERSECURITY_ASSESSMENT'), 'CN-NAT-CYBER')).toBe('pass');
    // Undeclared connectivity counts as connected.
    const undeclared = withVehicle(offline, 'veh-1', { connected: undefined });
    expect(outcomeOf(withoutDocuments(undeclared, 'CYBERSECURITY_ASSESSMENT'), 'CN-NAT-CYBER')).toBe('needs_evidence');
  });

  it('is always needed for driverless and demonstration applications', () => {
    for (const kind of ['DRIVERLESS_PILOT', 'MANNED_PILOT'] as const) {
      const offline = withVehicles(factsFor(kind, 'CN-NATIONAL', { remoteControlPlatform: false }), {
        connected: false,
      });
      expect(outcomeOf(withoutDocuments(offline, 'CYBERSECURITY_ASSESSMENT'), 'CN-NAT-CYBER')).toBe('needs_evidence');
    }
  });
});

describe('CN-NAT-PERIOD', () => {
  const period = (from: string, to: string) => factsFor('ROAD_TEST', 'CN-NATIONAL', { requestedPeriod: { from, to } });

  it('passes at 18 months and fails a day later, flagging the default ceiling', () => {
    const atLimit = resultOf(run(period('2026-12-01', '2028-06-01')), 'CN-NAT-PERIOD');
    expect(atLimit.outcome).toBe('pass');
    expect(atLimit.defaultsUsed).toEqual(['period.maxMonths']);
    const over = resultOf(run(period('2026-12-01', '2028-06-02')), 'CN-NAT-PERIOD');
    expect(over.outcome).toBe('fail');
    expect(over.message.en).toContain('is 18 months 1 day, needs ≤ 18 months (until 2028-06-01)');
    expect(over.message.en).toContain('[uses default values pending the official text]');
    expect(over.message.zh).toContain('18 个月 1 天');
  });

  it('counts calendar months from the end of a month to the last day of a shorter one', () => {
    expect(outcomeOf(period('2026-08-31', '2028-02-29'), 'CN-NAT-PERIOD')).toBe('pass');
    expect(outcomeOf(period('2026-08-31', '2028-03-01'), 'CN-NAT-PERIOD')).toBe('fail');
  });

  it('fails a period that ends before it starts and needs evidence for an unreadable one', () => {
    expect(outcomeOf(period('2027-01-01', '2026-12-01'), 'CN-NAT-PERIOD')).toBe('fail');
    expect(outcomeOf(period('soon', '2026-12-01'), 'CN-NAT-PERIOD')).toBe('needs_evidence');
  });
});

describe('CN-NAT-DEMO-PREREQ', () => {
  const record = (km: number, hours: number, changes = {}) =>
    withVehicle(factsFor('MANNED_PILOT'), 'veh-1', {
      autonomousKmInRequestedZones: km,
      autonomousHoursInRequestedZones: hours,
      ...changes,
    });

  it('fails at 999.9 km and 239.9 h, stating the record and both thresholds', () => {
    const result = resultOf(run(record(999.9, 239.9)), 'CN-NAT-DEMO-PREREQ/record', 'veh-1');
    expect(result.outcome).toBe('fail');
    expect(result.message.en).toContain(
      'autonomous mileage on requested roads 999.9 km and 239.9 h, needs ≥ 1000 km or ≥ 240 h',
    );
    expect(result.message.en).toMatch(/\(CN-NAT-DEMO-PREREQ\)$/);
    expect(result.message.zh).toContain('999.9 km、时长 239.9 h，要求 ≥ 1000 km 或 ≥ 240 h');
    expect(result.citation).toMatchObject({ article: 'Draft Art.17', confidence: 'S' });
    expect(result.defaultsUsed).toBeUndefined();
  });

  it('passes at 1000 km with no hours, and at 240 h with no km', () => {
    expect(outcomeOf(record(1000, 0), 'CN-NAT-DEMO-PREREQ/record', 'veh-1')).toBe('pass');
    expect(outcomeOf(record(0, 240), 'CN-NAT-DEMO-PREREQ/record', 'veh-1')).toBe('pass');
  });

  it('fails on a single violation or at-fault accident', () => {
    expect(outcomeOf(record(5000, 500, { trafficViolations: 1 }), 'CN-NAT-DEMO-PREREQ/record', 'veh-1')).toBe('fail');
    const accident = resultOf(run(record(5000, 500, { atFaultAccidents: 1 })), 'CN-NAT-DEMO-PREREQ/record', 'veh-1');
    expect(accident.outcome).toBe('fail');
    expect(accident.message.en).toContain('0 traffic violations and 1 at-fault accidents, needs 0');
  });

  it('counts recognised mileage, marks it and says so', () => {
    const result = resultOf(
      run(record(700, 100, { recognizedAutonomousKm: 300 })),
      'CN-NAT-DEMO-PREREQ/record',
      'veh-1',
    );
    expect(result.outcome).toBe('pass');
    expect(result.recognizedFacts).toEqual(['recognizedAutonomousKm']);
    expect(result.message.en).toContain('1000.0 km and 100.0 h (including 300.0 km and 0.0 h recognised');
    expect(result.message.zh).toContain('含互认里程 300.0 km');
    expect(resultOf(run(record(700, 100)), 'CN-NAT-DEMO-PREREQ/record', 'veh-1').recognizedFacts).toBeUndefined();
  });

  it('needs a road-test permit that was granted and not revoked or suspended', () => {
    const permits = (status: 'ACTIVE' | 'EXPIRED' | 'REVOKED' | 'SUSPENDED') =>
      withVehicle(factsFor('MANNED_PILOT'), 'veh-1', {
        priorPermits: [{ kind: 'ROAD_TEST', jurisdiction: 'CN-SZ-PINGSHAN', status }],
      });
    expect(outcomeOf(permits('EXPIRED'), 'CN-NAT-DEMO-PREREQ/road-test-permit', 'veh-1')).toBe('pass');
    expect(outcomeOf(permits('ACTIVE'), 'CN-NAT-DEMO-PREREQ/road-test-permit', 'veh-1')).toBe('pass');
    expect(outcomeOf(permits('REVOKED'), 'CN-NAT-DEMO-PREREQ/road-test-permit', 'veh-1')).toBe('fail');
    expect(outcomeOf(permits('SUSPENDED'), 'CN-NAT-DEMO-PREREQ/road-test-permit', 'veh-1')).toBe('fail');
  });

  it('fails when the requested zones extend beyond the tested ones', () => {
    for (const kind of ['MANNED_PILOT', 'DRIVERLESS_PILOT'] as const) {
      const result = resultOf(
        run(factsFor(kind, 'CN-NATIONAL', { requestedWithinTestedZones: false })),
        'CN-NAT-DEMO-PREREQ/tested-zones',
      );
      expect(result.outcome).toBe('fail');
      expect(result.message.en).toContain('requested zones A01 extend beyond');
    }
  });
});

describe('CN-NAT-DEMO-DOCS', () => {
  it('needs a third-party-reviewed plan', () => {
    const result = resultOf(
      run(withoutDocuments(factsFor('MANNED_PILOT'), 'THIRD_PARTY_REVIEWED_PLAN')),
      'CN-NAT-DEMO-DOCS',
    );
    expect(result.outcome).toBe('needs_evidence');
    expect(result.message.en).toContain('third-party-reviewed demonstration plan missing or expired');
  });
});

describe('CN-NAT-ADD-VEH', () => {
  it('checks configuration identity only when adding vehicles to a permit', () => {
    expect(resultsOf(run(factsFor('ROAD_TEST')), 'CN-NAT-ADD-VEH')).toEqual([]);
    const adding = factsFor('ROAD_TEST', 'CN-NATIONAL', {
      addingToPermit: { permitId: 'permit-9', configurationFingerprint: 'a1b2c3d4e5f6a7b8c9d0' },
    });
    expect(outcomeOf(adding, 'CN-NAT-ADD-VEH', 'veh-1')).toBe('pass');
    const different = withVehicle(adding, 'veh-2', { configurationFingerprint: 'ffffffffffff0000' });
    const result = resultOf(run(different), 'CN-NAT-ADD-VEH', 'veh-2');
    expect(result.outcome).toBe('fail');
    expect(result.message.en).toContain('configuration ffffffffffff, permit permit-9 has a1b2c3d4e5f6');
  });
});

describe('CN-MOT-SAFETYOFFICER', () => {
  const l5Fleet = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      aVehicle({ id: `veh-${index + 1}`, vin: `L5VIN00000000000${index + 1}`, automationLevel: 'L5' }),
    );
  const officers = (count: number, changes: Partial<OperatorFact> = {}) =>
    Array.from({ length: count }, (_, index) => aRemoteOfficer({ id: `remote-${index + 1}`, ...changes }));
  const driverless = (vehicles: number, remote: OperatorFact[]) =>
    factsFor('DRIVERLESS_PILOT', 'CN-NATIONAL', { vehicles: l5Fleet(vehicles), remoteOperators: remote });

  it('needs 1 remote officer per 3 L5 vehicles: 2 for 7 fail, 3 for 7 pass', () => {
    const short = resultOf(run(driverless(7, officers(2))), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio');
    expect(short.outcome).toBe('fail');
    expect(short.message.en).toContain('2 qualified remote safety officers for 7 L5 vehicles');
    expect(short.message.en).toContain('at least 1:3, i.e. ≥ 3');
    expect(outcomeOf(driverless(7, officers(3)), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio')).toBe('pass');
    expect(outcomeOf(driverless(6, officers(2)), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio')).toBe('pass');
  });

  it('counts only qualified officers, needs evidence when none is declared, and skips fleets without L5', () => {
    expect(
      outcomeOf(driverless(3, officers(1, { remoteQualified: false })), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio'),
    ).toBe('fail');
    expect(outcomeOf(driverless(3, []), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio')).toBe('needs_evidence');
    expect(resultsOf(run(factsFor('DRIVERLESS_PILOT')), 'CN-MOT-SAFETYOFFICER/l5-remote-ratio')).toEqual([]);
  });

  it('checks each remote officer for qualification and training', () => {
    const facts = factsFor('DRIVERLESS_PILOT', 'CN-NATIONAL', {
      remoteOperators: [
        aRemoteOfficer({ id: 'remote-1', remoteQualified: false }),
        aRemoteOfficer({ id: 'remote-2', hasTrainingCertificate: false }),
      ],
    });
    expect(outcomeOf(facts, 'CN-MOT-SAFETYOFFICER/remote-officers', 'remote-1')).toBe('fail');
    expect(outcomeOf(facts, 'CN-MOT-SAFETYOFFICER/remote-officers', 'remote-2')).toBe('needs_evidence');
    expect(
      outcomeOf(
        factsFor('DRIVERLESS_PILOT', 'CN-NATIONAL', { remoteOperators: [] }),
        'CN-MOT-SAFETYOFFICER/remote-officers',
      ),
    ).toBe('needs_evidence');
  });
});

describe('CN-MOT-SAFETY-PLAN', () => {
  it('needs a safety plan for fare-charging operation only', () => {
    const manned = factsFor('MANNED_PILOT');
    const fares = { ...manned, conditions: { ...manned.conditions, fares: true } };
    expect(outcomeOf(withoutDocuments(fares, 'SAFETY_PLAN'), 'CN-MOT-SAFETY-PLAN')).toBe('needs_evidence');
    expect(outcomeOf(fares, 'CN-MOT-SAFETY-PLAN')).toBe('pass');
    expect(resultsOf(run(withoutDocuments(manned, 'SAFETY_PLAN')), 'CN-MOT-SAFETY-PLAN')).toEqual([]);
  });
});

describe('REF-SMALL-SIZE', () => {
  const small = (changes: Parameters<typeof withVehicle>[2]) =>
    withVehicle(factsFor('SMALL_UNMANNED_VEHICLE'), 'veh-1', changes);

  it.each([
    ['max speed', { maxSpeedKmh: 45 }, { maxSpeedKmh: 45.1 }],
    ['length', { lengthM: 3.5 }, { lengthM: 3.6 }],
    ['width', { widthM: 1.5 }, { widthM: 1.51 }],
    ['height', { heightM: 2.0 }, { heightM: 2.1 }],
  ])('passes %s at the reference limit and fails above it', (_name, atLimit, above) => {
    expect(outcomeOf(small(atLimit), 'REF-SMALL-SIZE', 'veh-1')).toBe('pass');
    expect(outcomeOf(small(above), 'REF-SMALL-SIZE', 'veh-1')).toBe('fail');
  });

  it('states values and limits, and flags them as reference defaults rather than Pingshan or Beijing values', () => {
    const result = resultOf(run(small({ maxSpeedKmh: 50 })), 'REF-SMALL-SIZE', 'veh-1');
    expect(result.message.en).toContain('max speed 50 km/h');
    expect(result.message.en).toContain('≤ 45 km/h, ≤ 3.5×1.5×2 m');
    expect(result.message.en).toContain('not a Pingshan or Beijing value');
    expect(result.defaultsUsed).toEqual([
      'smallVehicle.maxHeightM',
      'smallVehicle.maxLengthM',
      'smallVehicle.maxSpeedKmh',
      'smallVehicle.maxWidthM',
    ]);
  });

  it('needs declared limits and rejects a vehicle with seats', () => {
    expect(outcomeOf(small({ maxSpeedKmh: undefined }), 'REF-SMALL-SIZE', 'veh-1')).toBe('needs_evidence');
    expect(outcomeOf(small({ seats: 1 }), 'REF-SMALL-SIZE', 'veh-1')).toBe('fail');
    expect(outcomeOf(small({ category: 'PASSENGER_CAR' }), 'REF-SMALL-SIZE', 'veh-1')).toBe('fail');
  });
});
