import { evaluate, resolvePack } from '../engine';
import { packFor } from '../registry';
import {
  aDocument,
  anOperator,
  aRemoteOfficer,
  aSmallVehicle,
  aVehicle,
  factsFor,
  resultOf,
  resultsOf,
  withDocuments,
  withoutDocuments,
  withVehicle,
  withVehicles,
} from '../testing/eligibility-facts.factory';
import { type DriverlessStage, type EligibilityFacts, type PriorPermitFact, type RuleOutcome } from '../types';

const YIZHUANG = 'CN-BJ-YIZHUANG';
const run = (facts: EligibilityFacts) => evaluate(packFor(YIZHUANG), facts);
const outcomeOf = (facts: EligibilityFacts, key: string, subjectId?: string): RuleOutcome =>
  resultOf(run(facts), key, subjectId).outcome;
const beijing = (kind: Parameters<typeof factsFor>[0], overrides: Partial<EligibilityFacts> = {}) =>
  factsFor(kind, YIZHUANG, overrides);

describe('BJ-19-DRIVER', () => {
  const withTraining = (adTrainingHours: number) =>
    beijing('ROAD_TEST', { operators: [anOperator({ id: 'op-1', adTrainingHours })] });

  it('fails at 49.9 h of training and passes at 50 h', () => {
    const below = resultOf(run(withTraining(49.9)), 'BJ-19-DRIVER/training-hours', 'op-1');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('49.9 h of real-vehicle training, needs ≥ 50 h');
    expect(below.message.zh).toContain('实车培训 49.9 h；要求 ≥ 50 h');
    expect(outcomeOf(withTraining(50), 'BJ-19-DRIVER/training-hours', 'op-1')).toBe('pass');
  });

  it('exists only in Beijing: the national and Pingshan packs accept 0 h of training', () => {
    const untrained = (jurisdiction: string) =>
      factsFor('ROAD_TEST', jurisdiction, { operators: [anOperator({ id: 'op-1', adTrainingHours: 0 })] });
    expect(run(untrained(YIZHUANG)).eligible).toBe(false);
    for (const jurisdiction of ['CN-NATIONAL', 'CN-SZ-PINGSHAN']) {
      const evaluation = evaluate(packFor(jurisdiction), untrained(jurisdiction));
      expect(evaluation.results.some((result) => result.ruleId === 'BJ-19-DRIVER')).toBe(false);
      expect(evaluation.eligible).toBe(true);
    }
  });

  it('needs ≥ 100 h on the same model for manned or cargo tests only', () => {
    const manned = (roadTestHoursOnSameModel?: number) =>
      beijing('MANNED_PILOT', { operators: [anOperator({ id: 'op-1', roadTestHoursOnSameModel })] });
    const below = resultOf(run(manned(99.9)), 'BJ-19-DRIVER/same-model-hours', 'op-1');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('99.9 h, manned or cargo tests need ≥ 100 h');
    expect(outcomeOf(manned(100), 'BJ-19-DRIVER/same-model-hours', 'op-1')).toBe('pass');
    expect(outcomeOf(manned(undefined), 'BJ-19-DRIVER/same-model-hours', 'op-1')).toBe('needs_evidence');
    expect(resultsOf(run(beijing('ROAD_TEST')), 'BJ-19-DRIVER/same-model-hours')).toEqual([]);
  });
});

describe('BJ-19-CLOSED', () => {
  const closedKm = (...kms: number[]) =>
    beijing('ROAD_TEST', {
      vehicles: kms.map((closedFieldKm, index) => aVehicle({ id: `veh-${index + 1}`, closedFieldKm })),
    });

  it('fails a batch of 4999.9 km and passes 5000 km', () => {
    const below = resultOf(run(closedKm(2600, 2399.9)), 'BJ-19-CLOSED/batch');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('4999.9 km in closed fields, longest vehicle 2600.0 km');
    expect(below.message.en).toContain('needs ≥ 5000 km in total and one vehicle ≥ 1000 km');
    expect(outcomeOf(closedKm(2600, 2400), 'BJ-19-CLOSED/batch')).toBe('pass');
  });

  it('fails when no vehicle reaches 1000 km, however large the batch', () => {
    expect(outcomeOf(closedKm(999.9, 999.9, 999.9, 999.9, 999.9, 999.9), 'BJ-19-CLOSED/batch')).toBe('fail');
    expect(outcomeOf(closedKm(1000, 999.9, 999.9, 999.9, 999.9, 999.9), 'BJ-19-CLOSED/batch')).toBe('pass');
  });

  it('needs ≥ 100 km for every vehicle', () => {
    const facts = closedKm(4900, 99.9, 100);
    expect(outcomeOf(facts, 'BJ-19-CLOSED/per-vehicle', 'veh-2')).toBe('fail');
    expect(resultOf(run(facts), 'BJ-19-CLOSED/per-vehicle', 'veh-2').message.en).toContain(
      '99.9 km in closed fields, needs ≥ 100',
    );
    expect(outcomeOf(facts, 'BJ-19-CLOSED/per-vehicle', 'veh-3')).toBe('pass');
  });
});

describe('BJ-19-INS overrides the national seat-insurance check', () => {
  const seat = (amountCny?: number) =>
    withDocuments(beijing('MANNED_PILOT'), 'SEAT_INSURANCE', aDocument('SEAT_INSURANCE', { amountCny }));

  it('replaces CN-NAT-INS/seat in place, keeping the national liability check', () => {
    const evaluation = run(seat(1_000_000));
    expect(resultsOf(evaluation, 'CN-NAT-INS/seat')).toEqual([]);
    expect(resultsOf(evaluation, 'BJ-19-INS/seat')).toHaveLength(2);
    expect(resultsOf(evaluation, 'CN-NAT-INS/liability')).toHaveLength(2);
    const replaced = resolvePack(packFor(YIZHUANG)).rules.find((entry) => entry.key === 'BJ-19-INS/seat');
    expect(replaced).toMatchObject({ definedBy: 'CN-BJ', overrideReason: expect.stringContaining('CNY 1M') });
  });

  it('fails below CNY 1,000,000 per volunteer and passes at it', () => {
    const below = resultOf(run(seat(999_999)), 'BJ-19-INS/seat', 'veh-1');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('seat insurance CNY 999,999 per person, needs ≥ CNY 1,000,000 per person');
    expect(outcomeOf(seat(1_000_000), 'BJ-19-INS/seat', 'veh-1')).toBe('pass');
    expect(outcomeOf(seat(undefined), 'BJ-19-INS/seat', 'veh-1')).toBe('needs_evidence');
    expect(outcomeOf(withoutDocuments(seat(1), 'SEAT_INSURANCE'), 'BJ-19-INS/seat', 'veh-1')).toBe('needs_evidence');
  });
});

describe('BJ-19-MANNED', () => {
  it('needs half- and full-load results above 7 seats with passengers, and for any cargo', () => {
    const eightSeats = withVehicle(beijing('MANNED_PILOT'), 'veh-1', { seats: 8, hasLoadedClosedFieldResults: false });
    expect(outcomeOf(eightSeats, 'BJ-19-MANNED', 'veh-1')).toBe('needs_evidence');
    expect(resultOf(run(eightSeats), 'BJ-19-MANNED', 'veh-1').message.en).toContain('8 seats');
    const sevenSeats = withVehicle(beijing('MANNED_PILOT'), 'veh-1', { seats: 7, hasLoadedClosedFieldResults: false });
    expect(outcomeOf(sevenSeats, 'BJ-19-MANNED', 'veh-1')).toBe('pass');
    const base = beijing('ROAD_TEST');
    const cargo = withVehicles(
      { ...base, conditions: { ...base.conditions, cargo: true } },
      { hasLoadedClosedFieldResults: undefined },
    );
    expect(outcomeOf(cargo, 'BJ-19-MANNED', 'veh-2')).toBe('needs_evidence');
  });
});

describe('BJ-DL-STAGES', () => {
  const ladder = (requested: DriverlessStage | undefined, priorPermits: PriorPermitFact[]) =>
    withVehicles(beijing('DRIVERLESS_PILOT', { requestedDriverlessStage: requested }), { priorPermits });
  const demonstration: PriorPermitFact = { kind: 'MANNED_PILOT', jurisdiction: YIZHUANG, status: 'EXPIRED' };
  const stage = (driverlessStage: DriverlessStage, status: PriorPermitFact['status'] = 'EXPIRED'): PriorPermitFact => ({
    kind: 'DRIVERLESS_PILOT',
    jurisdiction: YIZHUANG,
    status,
    driverlessStage,
  });

  it('opens stage 1 to vehicles with a Beijing demonstration notice', () => {
    expect(outcomeOf(ladder('FRONT_PASSENGER_OFFICER', [demonstration]), 'BJ-DL-STAGES', 'veh-1')).toBe('pass');
    const elsewhere = ladder('FRONT_PASSENGER_OFFICER', [{ ...demonstration, jurisdiction: 'CN-SZ-PINGSHAN' }]);
    expect(outcomeOf(elsewhere, 'BJ-DL-STAGES', 'veh-1')).toBe('fail');
  });

  it('climbs one stage at a time and rejects a jump', () => {
    expect(outcomeOf(ladder('REAR_OFFICER', [stage('FRONT_PASSENGER_OFFICER')]), 'BJ-DL-STAGES', 'veh-1')).toBe('pass');
    expect(outcomeOf(ladder('REMOTE_ONLY', [stage('REAR_OFFICER', 'ACTIVE')]), 'BJ-DL-STAGES', 'veh-1')).toBe('pass');
    const jump = resultOf(
      run(ladder('REMOTE_ONLY', [demonstration, stage('FRONT_PASSENGER_OFFICER')])),
      'BJ-DL-STAGES',
      'veh-1',
    );
    expect(jump.outcome).toBe('fail');
    expect(jump.message.en).toContain(
      'requests stage 3 (remote only), highest held: stage 1 (officer in the front passenger seat); needs Beijing stage 2 (front row empty, officer in the rear) first',
    );
    expect(outcomeOf(ladder('REMOTE_ONLY', [stage('REAR_OFFICER', 'REVOKED')]), 'BJ-DL-STAGES', 'veh-1')).toBe('fail');
  });

  it('needs the requested stage', () => {
    expect(outcomeOf(ladder(undefined, [demonstration]), 'BJ-DL-STAGES')).toBe('needs_evidence');
  });
});

describe('BJ-DL-REMOTE', () => {
  it('needs 1 qualified remote officer per driverless vehicle, a flagged default', () => {
    const oneOfficer = beijing('DRIVERLESS_PILOT', { remoteOperators: [aRemoteOfficer({ id: 'remote-1' })] });
    const result = resultOf(run(oneOfficer), 'BJ-DL-REMOTE');
    expect(result.outcome).toBe('fail');
    expect(result.message.en).toContain('1 qualified remote safety officer for 2 driverless vehicles');
    expect(result.message.en).toContain('at least 1:1, i.e. ≥ 2');
    expect(result.defaultsUsed).toEqual(['remote.maxVehiclesPerOfficer']);
    expect(outcomeOf(beijing('DRIVERLESS_PILOT'), 'BJ-DL-REMOTE')).toBe('pass');
  });
});

describe('SEED-BJ-DL', () => {
  it('makes a cybersecurity test mandatory for driverless testing; an assessment is not enough', () => {
    const facts = withoutDocuments(beijing('DRIVERLESS_PILOT'), 'CYBERSECURITY_TEST');
    const result = resultOf(run(facts), 'SEED-BJ-DL/cybersecurity-test');
    expect(result.outcome).toBe('needs_evidence');
    expect(result.message.en).toContain('cybersecurity test missing or expired');
    expect(result.citation.confidence).toBe('C');
    expect(resultsOf(evaluate(packFor('CN-SZ-PINGSHAN'), facts), 'SEED-BJ-DL/cybersecurity-test')).toEqual([]);
  });
});

describe('BJ-DELIV-2021', () => {
  const coded = (vehicleCode: string | null) =>
    beijing('SMALL_UNMANNED_VEHICLE', { vehicles: [aSmallVehicle({ id: 'veh-1', vehicleCode })] });

  it.each([
    ['MT0001', 'pass'],
    ['JD0001', 'pass'],
    ['MT001', 'fail'],
    ['mt0001', 'fail'],
    ['MTX0001', 'fail'],
    [null, 'needs_evidence'],
  ] as const)('judges vehicle code %s as %s', (code, outcome) => {
    expect(outcomeOf(coded(code), 'BJ-DELIV-2021/vehicle-code', 'veh-1')).toBe(outcome);
  });

  it('states the expected format', () => {
    expect(resultOf(run(coded('MT001')), 'BJ-DELIV-2021/vehicle-code', 'veh-1').message.en).toContain(
      'vehicle code MT001, needs the format ^[A-Z]{2}\\d{4}$ (e.g. MT0001)',
    );
  });

  it('needs both an on-site and a remote operator', () => {
    expect(outcomeOf(beijing('SMALL_UNMANNED_VEHICLE', { remoteOperators: [] }), 'BJ-DELIV-2021/operators')).toBe(
      'needs_evidence',
    );
    const noOnSite = resultOf(run(beijing('SMALL_UNMANNED_VEHICLE', { operators: [] })), 'BJ-DELIV-2021/operators');
    expect(noOnSite.outcome).toBe('needs_evidence');
    expect(noOnSite.message.en).toBe('0 on-site and 1 remote operators, needs ≥ 1 of each (BJ-DELIV-2021)');
  });
});
