import fc from 'fast-check';
import { evaluate } from './engine';
import { listPacks, packFor } from './registry';
import { factsFor } from './testing/eligibility-facts.factory';
import {
  type DocumentFact,
  type DocumentType,
  type DriverlessStage,
  type EligibilityFacts,
  type OperatorFact,
  PERMIT_KINDS,
  type PriorPermitFact,
  type VehicleFact,
} from './types';

const DOCUMENT_TYPES: readonly DocumentType[] = [
  'COMPULSORY_INSURANCE',
  'LIABILITY_INSURANCE',
  'GUARANTEE_LETTER',
  'SEAT_INSURANCE',
  'CLOSED_FIELD_REPORT',
  'CYBERSECURITY_ASSESSMENT',
  'CYBERSECURITY_TEST',
  'THIRD_PARTY_REVIEWED_PLAN',
  'SAFETY_PLAN',
  'EVALUATION_PROCEDURE',
  'REMOTE_MONITORING_CAPABILITY',
  'EVENT_RECORDING_CAPABILITY',
  'LAW_ENFORCEMENT_INTERACTION_PLAN',
  'TRANSPORT_OPERATING_QUALIFICATION',
];
const STAGES: readonly DriverlessStage[] = ['FRONT_PASSENGER_OFFICER', 'REAR_OFFICER', 'REMOTE_ONLY'];
const JURISDICTIONS = listPacks().map((pack) => pack.jurisdiction);

// Tenths, so that no -0 or NaN sneaks into values compared through JSON.
const tenths = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((value) => value / 10);

const priorPermit: fc.Arbitrary<PriorPermitFact> = fc.record({
  kind: fc.constantFrom(...PERMIT_KINDS),
  jurisdiction: fc.constantFrom(...JURISDICTIONS),
  status: fc.constantFrom('ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'),
  driverlessStage: fc.option(fc.constantFrom(...STAGES), { nil: undefined }),
});

const stageRecord = fc.record({
  km: tenths(8000),
  hours: tenths(2000),
  disengagements: fc.integer({ min: 0, max: 100 }),
  atFaultAccidents: fc.integer({ min: 0, max: 1 }),
});

const vehicle = (id: string): fc.Arbitrary<VehicleFact> =>
  fc.record({
    id: fc.constant(id),
    vin: fc.constant(`VIN-${id}`),
    category: fc.constantFrom('PASSENGER_CAR', 'BUS', 'FREIGHT', 'SPECIAL_OPERATION', 'SMALL_UNMANNED_VEHICLE'),
    automationLevel: fc.constantFrom('L3', 'L4', 'L5'),
    seats: fc.integer({ min: 0, max: 12 }),
    vehicleCode: fc.option(fc.constantFrom('MT0001', 'JD0002', 'X1'), { nil: null }),
    plate: fc.constant(null),
    configurationFingerprint: fc.constantFrom('fp-a', 'fp-b'),
    closedFieldKm: tenths(3000),
    hasClosedFieldReport: fc.boolean(),
    autonomousKmInRequestedZones: tenths(2000),
    autonomousHoursInRequestedZones: tenths(500),
    recognizedAutonomousKm: tenths(500),
    recognizedAutonomousHours: tenths(100),
    trafficViolations: fc.integer({ min: 0, max: 2 }),
    atFaultAccidents: fc.integer({ min: 0, max: 2 }),
    seriousAtFaultAccidents: fc.constant(0),
    priorPermits: fc.array(priorPermit, { maxLength: 4 }),
    connected: fc.option(fc.boolean(), { nil: undefined }),
    hasLoadedClosedFieldResults: fc.option(fc.boolean(), { nil: undefined }),
    autonomousRecordByStage: fc.option(
      fc.record({ MANNED_PILOT: stageRecord, DRIVERLESS_PILOT: stageRecord }, { requiredKeys: [] }),
      { nil: undefined },
    ),
    maxSpeedKmh: fc.option(tenths(60), { nil: undefined }),
    lengthM: fc.option(tenths(5), { nil: undefined }),
    widthM: fc.option(tenths(2), { nil: undefined }),
    heightM: fc.option(tenths(3), { nil: undefined }),
  });

const operator = (id: string): fc.Arbitrary<OperatorFact> =>
  fc.record({
    id: fc.constant(id),
    drivingYears: fc.integer({ min: 0, max: 10 }),
    noFullScoreInLastThreeCycles: fc.boolean(),
    noDrinkOrDrugDriving: fc.boolean(),
    noSeriousAtFaultAccident: fc.boolean(),
    noSeriousViolationLastYear: fc.boolean(),
    hasTrainingCertificate: fc.boolean(),
    adTrainingHours: tenths(100),
    remoteQualified: fc.boolean(),
    roadTestHoursOnSameModel: fc.option(tenths(200), { nil: undefined }),
  });

const document = (id: string, vehicleIds: string[]): fc.Arbitrary<DocumentFact> =>
  fc.record({
    id: fc.constant(id),
    type: fc.constantFrom(...DOCUMENT_TYPES),
    amountCny: fc.option(fc.integer({ min: 0, max: 8_000_000 }), { nil: undefined }),
    vehicleId: fc.option(fc.constantFrom(...vehicleIds), { nil: undefined }),
    validUntil: fc.option(fc.constantFrom('2026-11-22', '2026-11-23', '2027-12-31'), { nil: undefined }),
  });

/** n items with distinct ids `prefix-1..n`. */
const listOf = <T>(prefix: string, max: number, item: (id: string) => fc.Arbitrary<T>, min = 0) =>
  fc
    .integer({ min, max })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => item(`${prefix}-${index + 1}`))));

const facts: fc.Arbitrary<EligibilityFacts> = fc
  .record({
    kind: fc.constantFrom(...PERMIT_KINDS),
    jurisdiction: fc.constantFrom(...JURISDICTIONS),
    vehicles: listOf('veh', 5, vehicle, 1),
    operators: listOf('op', 3, operator),
    remoteOperators: listOf('remote', 3, operator),
    passengers: fc.boolean(),
    cargo: fc.boolean(),
    fares: fc.option(fc.boolean(), { nil: undefined }),
    verified: fc.boolean(),
    priorDriverlessPermits: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    requestedWithinTestedZones: fc.boolean(),
    requestedDriverlessStage: fc.option(fc.constantFrom(...STAGES), { nil: undefined }),
    adding: fc.boolean(),
  })
  .chain((parts) =>
    listOf(
      'doc',
      10,
      (id) =>
        document(
          id,
          parts.vehicles.map((v) => v.id),
        ),
      0,
    ).map((documents) => {
      const base = factsFor(parts.kind, parts.jurisdiction);
      return {
        ...base,
        enterprise: {
          ...base.enterprise,
          verified: parts.verified,
          priorDriverlessPermits: parts.priorDriverlessPermits,
        },
        requestedZones: [
          { id: 'zone-1', code: 'A01', kind: 'AREA' as const },
          { id: 'zone-2', code: 'R07', kind: 'ROUTE' as const },
        ],
        requestedWithinTestedZones: parts.requestedWithinTestedZones,
        conditions: {
          ...base.conditions,
          passengers: parts.passengers,
          cargo: parts.cargo,
          fares: parts.fares,
          scenes: ['robotaxi', 'delivery'],
        },
        vehicles: parts.vehicles,
        operators: parts.operators,
        remoteOperators: parts.remoteOperators,
        documents,
        requestedDriverlessStage: parts.requestedDriverlessStage,
        addingToPermit: parts.adding ? { permitId: 'permit-1', configurationFingerprint: 'fp-a' } : undefined,
      };
    }),
  );

const shuffled = <T>(items: readonly T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

/** The same facts with every list (and every vehicle's prior permits) in another order. */
const reordered = (original: EligibilityFacts): fc.Arbitrary<EligibilityFacts> =>
  fc
    .record({
      vehicles: fc
        .tuple(
          ...original.vehicles.map((v) => shuffled(v.priorPermits).map((priorPermits) => ({ ...v, priorPermits }))),
        )
        .chain((vehicles) => shuffled(vehicles)),
      operators: shuffled(original.operators),
      remoteOperators: shuffled(original.remoteOperators),
      documents: shuffled(original.documents),
      requestedZones: shuffled(original.requestedZones),
      scenes: shuffled(original.conditions.scenes),
    })
    .map(({ scenes, ...lists }) => ({ ...original, ...lists, conditions: { ...original.conditions, scenes } }));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('evaluation is a pure function of the facts', () => {
  it('is deterministic and independent of the order of vehicles, operators, documents and permits', () => {
    fc.assert(
      fc.property(
        facts.chain((original) => fc.tuple(fc.constant(original), reordered(original))),
        ([original, other]) => {
          const pack = packFor(original.jurisdiction);
          const first = evaluate(pack, deepFreeze(original));
          expect(JSON.stringify(evaluate(pack, original))).toBe(JSON.stringify(first));
          expect(JSON.stringify(evaluate(pack, deepFreeze(other)))).toBe(JSON.stringify(first));
          expect(first.eligible).toBe(first.results.every((result) => result.outcome === 'pass'));
          for (const result of first.results) {
            expect(result.message.en).toContain(`(${result.ruleId})`);
            expect(result.message.zh).toContain(`（${result.ruleId}）`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
