/**
 * Spec support: facts that pass every rule of every pack for a permit kind, so a spec changes one fact
 * and sees exactly one rule move. Not exported from the library.
 */
import {
  type DocumentFact,
  type DocumentType,
  type EligibilityFacts,
  type Evaluation,
  type OperatorFact,
  type PermitKind,
  type PriorPermitFact,
  type RuleResult,
  type VehicleFact,
} from '../types';

export const NOW = '2026-11-23T08:00:00.000Z';

export function aVehicle(overrides: Partial<VehicleFact> = {}): VehicleFact {
  return {
    id: 'veh-1',
    vin: 'LSVAU2180N2000001',
    category: 'PASSENGER_CAR',
    automationLevel: 'L4',
    seats: 5,
    vehicleCode: null,
    plate: '粤B·0001试',
    configurationFingerprint: 'a1b2c3d4e5f6a7b8c9d0',
    closedFieldKm: 2600,
    hasClosedFieldReport: true,
    autonomousKmInRequestedZones: 1200,
    autonomousHoursInRequestedZones: 300,
    recognizedAutonomousKm: 0,
    recognizedAutonomousHours: 0,
    trafficViolations: 0,
    atFaultAccidents: 0,
    seriousAtFaultAccidents: 0,
    priorPermits: [],
    connected: true,
    hasLoadedClosedFieldResults: true,
    ...overrides,
  };
}

export function aSmallVehicle(overrides: Partial<VehicleFact> = {}): VehicleFact {
  return aVehicle({
    category: 'SMALL_UNMANNED_VEHICLE',
    seats: 0,
    vehicleCode: 'MT0001',
    plate: null,
    maxSpeedKmh: 25,
    lengthM: 2.5,
    widthM: 1.1,
    heightM: 1.7,
    ...overrides,
  });
}

export function anOperator(overrides: Partial<OperatorFact> = {}): OperatorFact {
  return {
    id: 'op-1',
    drivingYears: 5,
    noFullScoreInLastThreeCycles: true,
    noDrinkOrDrugDriving: true,
    noSeriousAtFaultAccident: true,
    noSeriousViolationLastYear: true,
    hasTrainingCertificate: true,
    adTrainingHours: 60,
    remoteQualified: false,
    roadTestHoursOnSameModel: 120,
    ...overrides,
  };
}

export const aRemoteOfficer = (overrides: Partial<OperatorFact> = {}): OperatorFact =>
  anOperator({ id: 'remote-1', remoteQualified: true, ...overrides });

export function aDocument(type: DocumentType, overrides: Partial<DocumentFact> = {}): DocumentFact {
  return { id: `doc-${type.toLowerCase()}`, type, validUntil: '2027-12-31', ...overrides };
}

/** Every document any pack asks for, fleet-wide, with amounts exactly at the thresholds. */
export function allDocuments(): DocumentFact[] {
  return [
    aDocument('COMPULSORY_INSURANCE'),
    aDocument('LIABILITY_INSURANCE', { amountCny: 5_000_000 }),
    aDocument('SEAT_INSURANCE', { amountCny: 1_000_000 }),
    aDocument('EVALUATION_PROCEDURE'),
    aDocument('REMOTE_MONITORING_CAPABILITY'),
    aDocument('EVENT_RECORDING_CAPABILITY'),
    aDocument('CYBERSECURITY_ASSESSMENT'),
    aDocument('CYBERSECURITY_TEST'),
    aDocument('THIRD_PARTY_REVIEWED_PLAN'),
    aDocument('SAFETY_PLAN'),
    aDocument('TRANSPORT_OPERATING_QUALIFICATION'),
  ];
}

function priorPermitsFor(kind: PermitKind, jurisdiction: string): PriorPermitFact[] {
  if (kind === 'MANNED_PILOT') return [{ kind: 'ROAD_TEST', jurisdiction, status: 'EXPIRED' }];
  if (kind === 'DRIVERLESS_PILOT') {
    return [
      { kind: 'ROAD_TEST', jurisdiction, status: 'EXPIRED' },
      { kind: 'MANNED_PILOT', jurisdiction, status: 'ACTIVE' },
    ];
  }
  return [];
}

function vehiclesFor(kind: PermitKind, jurisdiction: string): VehicleFact[] {
  if (kind === 'SMALL_UNMANNED_VEHICLE') {
    return [
      aSmallVehicle({ id: 'veh-1', vin: 'SMALL000000000001', vehicleCode: 'MT0001' }),
      aSmallVehicle({ id: 'veh-2', vin: 'SMALL000000000002', vehicleCode: 'MT0002' }),
    ];
  }
  const common: Partial<VehicleFact> = {
    priorPermits: priorPermitsFor(kind, jurisdiction),
    // A commercial-pilot record that clears NS-DL-PREREQ route (a): 1300 h, 6000 km, MPI 600 km.
    autonomousRecordByStage:
      kind === 'DRIVERLESS_PILOT'
        ? { MANNED_PILOT: { km: 6000, hours: 1300, disengagements: 10, atFaultAccidents: 0 } }
        : undefined,
  };
  return [
    aVehicle({ ...common, id: 'veh-1', vin: 'LSVAU2180N2000001', closedFieldKm: 2600 }),
    aVehicle({ ...common, id: 'veh-2', vin: 'LSVAU2180N2000002', closedFieldKm: 2500 }),
  ];
}

/** Facts that every pack finds eligible for `kind`; override any part to move one rule. */
export function factsFor(
  kind: PermitKind,
  jurisdiction = 'CN-NATIONAL',
  overrides: Partial<EligibilityFacts> = {},
): EligibilityFacts {
  const driverless = kind === 'DRIVERLESS_PILOT';
  const small = kind === 'SMALL_UNMANNED_VEHICLE';
  return {
    now: NOW,
    jurisdiction,
    kind,
    enterprise: { id: 'ent-1', verified: true, creditCode: '91440300MA5FXXXX1X', priorDriverlessPermits: 0 },
    requestedPeriod: { from: '2026-12-01', to: '2027-11-30' },
    requestedZones: [{ id: 'zone-1', code: 'A01', kind: 'AREA' }],
    requestedWithinTestedZones: true,
    conditions: {
      night: false,
      adverseWeather: false,
      expressway: false,
      passengers: kind === 'MANNED_PILOT',
      cargo: false,
      scenes: [],
      fares: false,
    },
    remoteControlPlatform: true,
    vehicles: vehiclesFor(kind, jurisdiction),
    operators: driverless ? [] : [anOperator({ id: 'op-1' }), anOperator({ id: 'op-2' })],
    remoteOperators: driverless
      ? [aRemoteOfficer({ id: 'remote-1' }), aRemoteOfficer({ id: 'remote-2' })]
      : small
        ? [aRemoteOfficer({ id: 'remote-1' })]
        : [],
    documents: allDocuments(),
    requestedDriverlessStage: driverless ? 'FRONT_PASSENGER_OFFICER' : undefined,
    ...overrides,
  };
}

/** Replaces one vehicle (by id) in the facts. */
export function withVehicle(facts: EligibilityFacts, id: string, changes: Partial<VehicleFact>): EligibilityFacts {
  return {
    ...facts,
    vehicles: facts.vehicles.map((vehicle) => (vehicle.id === id ? { ...vehicle, ...changes } : vehicle)),
  };
}

/** Applies changes to every vehicle. */
export function withVehicles(facts: EligibilityFacts, changes: Partial<VehicleFact>): EligibilityFacts {
  return { ...facts, vehicles: facts.vehicles.map((vehicle) => ({ ...vehicle, ...changes })) };
}

/** Drops documents of the given types. */
export function withoutDocuments(facts: EligibilityFacts, ...types: DocumentType[]): EligibilityFacts {
  return { ...facts, documents: facts.documents.filter((doc) => !types.includes(doc.type)) };
}

/** Replaces the documents of one type. */
export function withDocuments(facts: EligibilityFacts, type: DocumentType, ...docs: DocumentFact[]): EligibilityFacts {
  return { ...withoutDocuments(facts, type), documents: [...withoutDocuments(facts, type).documents, ...docs] };
}

/** The results of one rule (`id` or `id/check`), optionally for one subject. */
export function resultsOf(evaluation: Evaluation, key: string, subjectId?: string): RuleResult[] {
  return evaluation.results.filter(
    (result) =>
      (result.check === undefined ? result.ruleId : `${result.ruleId}/${result.check}`) === key &&
      (subjectId === undefined || result.subject?.id === subjectId),
  );
}

/** The single result of one rule (and subject); throws when there is none or more than one. */
export function resultOf(evaluation: Evaluation, key: string, subjectId?: string): RuleResult {
  const found = resultsOf(evaluation, key, subjectId);
  if (found.length !== 1) {
    throw new Error(`expected one result for ${key}${subjectId ? ` / ${subjectId}` : ''}, got ${found.length}`);
  }
  return found[0];
}

/** Results that did not pass, as `key: outcome`, for readable failure messages. */
export function notPassing(evaluation: Evaluation): string[] {
  return evaluation.results
    .filter((result) => result.outcome !== 'pass')
    .map(
      (result) => `${result.ruleId}${result.check ? `/${result.check}` : ''}: ${result.outcome} — ${result.message.en}`,
    );
}
