import { evaluate, resolvePack } from '../engine';
import { packFor } from '../registry';
import {
  aRemoteOfficer,
  aVehicle,
  factsFor,
  resultOf,
  resultsOf,
  withoutDocuments,
  withVehicles,
} from '../testing/eligibility-facts.factory';
import { type EligibilityFacts, type PriorPermitFact, type RuleOutcome, type StageRecordFact } from '../types';

const PINGSHAN = 'CN-SZ-PINGSHAN';
const run = (facts: EligibilityFacts) => evaluate(packFor(PINGSHAN), facts);
const outcomeOf = (facts: EligibilityFacts, key: string, subjectId?: string): RuleOutcome =>
  resultOf(run(facts), key, subjectId).outcome;
const pingshan = (kind: Parameters<typeof factsFor>[0], overrides: Partial<EligibilityFacts> = {}) =>
  factsFor(kind, PINGSHAN, overrides);

const NANSHAN_DEFAULT_KEYS = [
  'driverless.commercialPilotMinHours',
  'driverless.commercialPilotMinKm',
  'driverless.commercialPilotMinMpiKm',
  'driverless.demonstrationMinHours',
  'driverless.demonstrationMinKm',
];

describe('NS-DL-PREREQ as the Pingshan default', () => {
  const record = (km: number, hours: number, changes: Partial<StageRecordFact> = {}): StageRecordFact => ({
    km,
    hours,
    disengagements: 0,
    atFaultAccidents: 0,
    ...changes,
  });
  const commercial = (stageRecord: StageRecordFact) =>
    withVehicles(pingshan('DRIVERLESS_PILOT'), { autonomousRecordByStage: { MANNED_PILOT: stageRecord } });
  const qualification: PriorPermitFact = { kind: 'DRIVERLESS_PILOT', jurisdiction: PINGSHAN, status: 'ACTIVE' };
  const demonstration = (stageRecord: StageRecordFact | undefined, priorPermits: PriorPermitFact[] = [qualification]) =>
    withVehicles(pingshan('DRIVERLESS_PILOT'), {
      autonomousRecordByStage: stageRecord === undefined ? {} : { DRIVERLESS_PILOT: stageRecord },
      priorPermits,
    });

  it('route (a): fails at 1199.9 h and 4999.9 km, passes at 1200 h or at 5000 km', () => {
    const below = resultOf(run(commercial(record(4999.9, 1199.9))), 'NS-DL-PREREQ', 'veh-1');
    expect(below.outcome).toBe('fail');
    expect(below.message.en).toContain('(a) commercial pilot 4999.9 km and 1199.9 h, 0 at-fault accidents');
    expect(below.message.en).toContain('needs ≥ 1200 h or ≥ 5000 km, MPI ≥ 100 km and no at-fault accident');
    expect(outcomeOf(commercial(record(0, 1200)), 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
    expect(outcomeOf(commercial(record(5000, 0)), 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
  });

  it('route (a): needs an MPI of 100 km and no at-fault accident', () => {
    const lowMpi = resultOf(run(commercial(record(5000, 0, { disengagements: 51 }))), 'NS-DL-PREREQ', 'veh-1');
    expect(lowMpi.outcome).toBe('fail');
    expect(lowMpi.message.en).toContain('MPI 98.0 km');
    expect(outcomeOf(commercial(record(5000, 0, { disengagements: 50 })), 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
    expect(outcomeOf(commercial(record(6000, 1300, { atFaultAccidents: 1 })), 'NS-DL-PREREQ', 'veh-1')).toBe('fail');
  });

  it('route (b): a Shenzhen driverless qualification and 240 h or 1000 km of driverless demonstration', () => {
    expect(outcomeOf(demonstration(record(999.9, 239.9)), 'NS-DL-PREREQ', 'veh-1')).toBe('fail');
    expect(outcomeOf(demonstration(record(1000, 0)), 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
    expect(outcomeOf(demonstration(record(0, 240)), 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
    const beijingPermit = [{ ...qualification, jurisdiction: 'CN-BJ-YIZHUANG' }];
    const unqualified = resultOf(run(demonstration(record(0, 240), beijingPermit)), 'NS-DL-PREREQ', 'veh-1');
    expect(unqualified.outcome).toBe('fail');
    expect(unqualified.message.en).toContain('(b) Shenzhen driverless qualification not held');
  });

  it('needs evidence when the records were not gathered, counts a missing stage as zero, and either route suffices', () => {
    const notGathered = withVehicles(pingshan('DRIVERLESS_PILOT'), { autonomousRecordByStage: undefined });
    const unknown = resultOf(run(notGathered), 'NS-DL-PREREQ', 'veh-1');
    expect(unknown.outcome).toBe('needs_evidence');
    expect(unknown.message.en).toContain('(a) commercial pilot record not available');
    const neverDriven = resultOf(run(demonstration(undefined)), 'NS-DL-PREREQ', 'veh-1');
    expect(neverDriven.outcome).toBe('fail');
    expect(neverDriven.message.en).toContain('driverless demonstration 0.0 km and 0.0 h');
    const both = withVehicles(pingshan('DRIVERLESS_PILOT'), {
      autonomousRecordByStage: { MANNED_PILOT: record(10, 10), DRIVERLESS_PILOT: record(2000, 300) },
      priorPermits: [qualification],
    });
    expect(outcomeOf(both, 'NS-DL-PREREQ', 'veh-1')).toBe('pass');
  });

  it('flags every threshold as a Nanshan default awaiting the Pingshan text', () => {
    const result = resultOf(run(pingshan('DRIVERLESS_PILOT')), 'NS-DL-PREREQ', 'veh-1');
    expect(result.outcome).toBe('pass');
    expect(result.defaultsUsed).toEqual(NANSHAN_DEFAULT_KEYS);
    expect(result.message.zh).toContain('［含默认值，待官方文本确认］');
    const settings = resolvePack(packFor(PINGSHAN)).settings;
    for (const key of NANSHAN_DEFAULT_KEYS) {
      expect(settings[key]).toMatchObject({ isDefault: true, definedBy: PINGSHAN });
      expect(settings[key].source).toContain('Nanshan value reused as the Pingshan default');
    }
  });

  it('does not apply in Beijing', () => {
    const facts = factsFor('DRIVERLESS_PILOT', 'CN-BJ-YIZHUANG');
    expect(resultsOf(evaluate(packFor('CN-BJ-YIZHUANG'), facts), 'NS-DL-PREREQ')).toEqual([]);
  });
});

describe('SZ-RULES-2024D first-application fleet cap (draft default)', () => {
  const fleet = (count: number, enterprise: Partial<EligibilityFacts['enterprise']>, overrides = {}) => {
    const base = pingshan('DRIVERLESS_PILOT', overrides);
    const template = base.vehicles[0];
    return {
      ...base,
      enterprise: { ...base.enterprise, ...enterprise },
      vehicles: Array.from({ length: count }, (_, index) =>
        aVehicle({ ...template, id: `veh-${index + 1}`, vin: `LSVAU2180N20000${10 + index}` }),
      ),
      remoteOperators: Array.from({ length: count }, (_, index) => aRemoteOfficer({ id: `remote-${index + 1}` })),
    };
  };

  it('passes 10 vehicles and fails 11 on a first application', () => {
    const ten = resultOf(run(fleet(10, { priorDriverlessPermits: 0 })), 'SZ-RULES-2024D/first-driverless-fleet-cap');
    expect(ten).toMatchObject({ outcome: 'pass', defaultsUsed: ['driverless.firstApplicationVehicleCap'] });
    const eleven = resultOf(run(fleet(11, { priorDriverlessPermits: 0 })), 'SZ-RULES-2024D/first-driverless-fleet-cap');
    expect(eleven.outcome).toBe('fail');
    expect(eleven.message.en).toContain('11 vehicles requested');
    expect(eleven.message.en).toContain('a first application needs ≤ 10 vehicles');
  });

  it('does not cap later applications, and needs the history only when over the cap', () => {
    expect(outcomeOf(fleet(11, { priorDriverlessPermits: 2 }), 'SZ-RULES-2024D/first-driverless-fleet-cap')).toBe(
      'pass',
    );
    const adding = fleet(
      11,
      { priorDriverlessPermits: 0 },
      {
        addingToPermit: { permitId: 'permit-1', configurationFingerprint: 'a1b2c3d4e5f6a7b8c9d0' },
      },
    );
    expect(outcomeOf(adding, 'SZ-RULES-2024D/first-driverless-fleet-cap')).toBe('pass');
    expect(
      outcomeOf(fleet(11, { priorDriverlessPermits: undefined }), 'SZ-RULES-2024D/first-driverless-fleet-cap'),
    ).toBe('needs_evidence');
    expect(
      outcomeOf(fleet(10, { priorDriverlessPermits: undefined }), 'SZ-RULES-2024D/first-driverless-fleet-cap'),
    ).toBe('pass');
  });
});

describe('SZ-ORD-ACCESS', () => {
  it('needs a transport operating qualification for fare-charging operation', () => {
    const base = pingshan('MANNED_PILOT');
    const fares = { ...base, conditions: { ...base.conditions, fares: true } };
    expect(
      outcomeOf(withoutDocuments(fares, 'TRANSPORT_OPERATING_QUALIFICATION'), 'SZ-ORD-ACCESS/transport-qualification'),
    ).toBe('needs_evidence');
    expect(resultsOf(run(base), 'SZ-ORD-ACCESS/transport-qualification')).toEqual([]);
  });
});

describe('NS-SMALL as the Pingshan default', () => {
  it('needs a safety officer per small vehicle, on site or remote', () => {
    const short = resultOf(
      run(pingshan('SMALL_UNMANNED_VEHICLE', { operators: [], remoteOperators: [aRemoteOfficer()] })),
      'NS-SMALL',
    );
    expect(short.outcome).toBe('fail');
    expect(short.message.en).toContain(
      '1 safety officer (0 on site, 1 remote) for 2 vehicles; needs 1 per vehicle, i.e. ≥ 2',
    );
    expect(short.defaultsUsed).toEqual(['smallVehicle.safetyOfficersPerVehicle']);
    expect(outcomeOf(pingshan('SMALL_UNMANNED_VEHICLE', { operators: [], remoteOperators: [] }), 'NS-SMALL')).toBe(
      'needs_evidence',
    );
    expect(outcomeOf(pingshan('SMALL_UNMANNED_VEHICLE'), 'NS-SMALL')).toBe('pass');
  });

  it('leaves the Beijing vehicle code out of Pingshan', () => {
    const facts = withVehicles(pingshan('SMALL_UNMANNED_VEHICLE'), { vehicleCode: null });
    expect(resultsOf(run(facts), 'BJ-DELIV-2021/vehicle-code')).toEqual([]);
    expect(run(facts).eligible).toBe(true);
  });
});
