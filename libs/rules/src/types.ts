/**
 * The rule engine's contract. Rule packs are pure: they take a snapshot of facts and return
 * results; no Nest, ORM or I/O imports anywhere in this library.
 */
export type PermitKind = 'ROAD_TEST' | 'MANNED_PILOT' | 'DRIVERLESS_PILOT' | 'SMALL_UNMANNED_VEHICLE';
export const PERMIT_KINDS: readonly PermitKind[] = [
  'ROAD_TEST',
  'MANNED_PILOT',
  'DRIVERLESS_PILOT',
  'SMALL_UNMANNED_VEHICLE',
];

export type RuleOutcome = 'pass' | 'fail' | 'needs_evidence';

/** Confidence of the source, as RULES.md grades it: C read in the text, S secondary, U unconfirmed. */
export type Confidence = 'C' | 'S' | 'U';

export interface Citation {
  /** The document, e.g. 《智能网联汽车道路测试与示范应用管理规范（试行）》 */
  document: string;
  /** Article or section, e.g. "Art.5" or "Draft Art.17", when known. */
  article?: string;
  confidence: Confidence;
}

/** Text people read, in Simplified Chinese and English. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface RuleResult {
  /** The rule id from RULES.md, e.g. CN-NAT-DEMO-PREREQ. */
  ruleId: string;
  /** Names the check when one RULES.md row yields several (e.g. CN-NAT-INS `liability` and `seat`). */
  check?: string;
  outcome: RuleOutcome;
  /** States the threshold and the actual value, e.g. "autonomous mileage … 812.4 km, needs ≥ 1000 km or ≥ 240 h (CN-NAT-DEMO-PREREQ)". */
  message: LocalizedText;
  citation: Citation;
  /** What the result is about when not the application as a whole. */
  subject?: { type: 'vehicle' | 'operator' | 'enterprise' | 'document'; id: string };
  /** Settings used that are defaults awaiting the official text (their keys). */
  defaultsUsed?: string[];
  /** Facts that came from cross-jurisdiction recognition rather than this jurisdiction's records. */
  recognizedFacts?: string[];
}

export interface Evaluation {
  jurisdiction: string;
  packVersion: string;
  kind: PermitKind;
  evaluatedAt: string;
  /** True when every result passes. */
  eligible: boolean;
  results: RuleResult[];
  /** Every layer the pack applied, baseline first, as `jurisdiction@version` (packVersion is the last one). */
  packLayers?: string[];
}

export type DocumentType =
  | 'COMPULSORY_INSURANCE'
  | 'LIABILITY_INSURANCE'
  | 'GUARANTEE_LETTER'
  | 'SEAT_INSURANCE'
  | 'CLOSED_FIELD_REPORT'
  | 'CYBERSECURITY_ASSESSMENT'
  | 'CYBERSECURITY_TEST'
  | 'THIRD_PARTY_REVIEWED_PLAN'
  | 'SAFETY_PLAN'
  | 'EVALUATION_PROCEDURE'
  | 'REMOTE_MONITORING_CAPABILITY'
  | 'EVENT_RECORDING_CAPABILITY'
  | 'LAW_ENFORCEMENT_INTERACTION_PLAN'
  | 'TRANSPORT_OPERATING_QUALIFICATION';

export interface DocumentFact {
  id: string;
  type: DocumentType;
  /**
   * Amount in CNY for insurance and guarantee letters: the cover per vehicle (CN-NAT-INS counts per vehicle),
   * and for seat insurance the cover per person carried (BJ-19-INS counts per volunteer).
   */
  amountCny?: number;
  /** When the document covers one vehicle only. */
  vehicleId?: string;
  validUntil?: string;
}

export interface PriorPermitFact {
  kind: PermitKind;
  jurisdiction: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED';
  /** Beijing driverless stage reached under this permit, if any. */
  driverlessStage?: DriverlessStage;
}

/**
 * Autonomous-mode record on the requested zones driven under one kind of permit. NS-DL-PREREQ judges a
 * driverless commercial pilot on the commercial-pilot record and on the driverless-demonstration record separately.
 */
export interface StageRecordFact {
  km: number;
  hours: number;
  /** Disengagements (takeovers) in the same record; km per disengagement is the MPI. */
  disengagements: number;
  atFaultAccidents: number;
}

/** Beijing driverless ladder (BJ-DL-STAGES): front-passenger officer → rear officer → remote only. */
export type DriverlessStage = 'FRONT_PASSENGER_OFFICER' | 'REAR_OFFICER' | 'REMOTE_ONLY';

export interface VehicleFact {
  id: string;
  vin: string;
  category: 'PASSENGER_CAR' | 'BUS' | 'FREIGHT' | 'SPECIAL_OPERATION' | 'SMALL_UNMANNED_VEHICLE';
  automationLevel: 'L3' | 'L4' | 'L5';
  seats: number;
  vehicleCode?: string | null;
  plate?: string | null;
  configurationFingerprint: string;
  /** Closed-field test km on record, summed, and whether a passed report exists. */
  closedFieldKm: number;
  hasClosedFieldReport: boolean;
  /** Autonomous km and hours on the requested zones (from telemetry; recognition added separately). */
  autonomousKmInRequestedZones: number;
  autonomousHoursInRequestedZones: number;
  /** Km and hours recognised from another jurisdiction's permits (SEED-BJ-MUTUAL, SEED-PS-MUTUAL). */
  recognizedAutonomousKm: number;
  recognizedAutonomousHours: number;
  trafficViolations: number;
  atFaultAccidents: number;
  /** Accidents with death, serious injury or vehicle destruction where the AV side was at fault. */
  seriousAtFaultAccidents: number;
  priorPermits: PriorPermitFact[];
  /**
   * Whether the vehicle has networked (connected) functions; CN-NAT-CYBER asks connected vehicles for a
   * cybersecurity assessment. Undeclared counts as connected.
   */
  connected?: boolean;
  /** Half-load and full-load closed-field results passed (BJ-19-MANNED: > 7 seats with passengers, or cargo). */
  hasLoadedClosedFieldResults?: boolean;
  /**
   * Autonomous record on the requested zones by the kind of permit it was driven under (NS-DL-PREREQ). A kind
   * missing from the map was never driven (zero); the map missing means the records were not gathered.
   */
  autonomousRecordByStage?: Partial<Record<PermitKind, StageRecordFact>>;
  /** Small unmanned vehicles: declared limits. */
  maxSpeedKmh?: number;
  lengthM?: number;
  widthM?: number;
  heightM?: number;
}

export interface OperatorFact {
  id: string;
  /** Whole years since the first driving licence. */
  drivingYears: number;
  noFullScoreInLastThreeCycles: boolean;
  noDrinkOrDrugDriving: boolean;
  noSeriousAtFaultAccident: boolean;
  noSeriousViolationLastYear: boolean;
  hasTrainingCertificate: boolean;
  adTrainingHours: number;
  remoteQualified: boolean;
  /** Hours of road testing on the model applied for (BJ-19-DRIVER: ≥ 100 h before manned or cargo tests). */
  roadTestHoursOnSameModel?: number;
}

/** Everything a pack may look at. Built by the permits library from the database; rules never query. */
export interface EligibilityFacts {
  /** ISO timestamp of the evaluation (the clock is a fact). */
  now: string;
  jurisdiction: string;
  kind: PermitKind;
  enterprise: {
    id: string;
    verified: boolean;
    creditCode: string;
    /** Driverless permits the enterprise holds or held in this jurisdiction (SZ-RULES-2024D caps the first application). */
    priorDriverlessPermits?: number;
  };
  requestedPeriod: { from: string; to: string };
  requestedZones: { id: string; code: string; kind: 'AREA' | 'ROUTE' | 'CLOSED_FIELD' }[];
  /** Whether the requested zones lie within the zones the vehicles were tested on (geometry, computed in PostGIS). */
  requestedWithinTestedZones: boolean;
  conditions: {
    night: boolean;
    adverseWeather: boolean;
    expressway: boolean;
    passengers: boolean;
    cargo: boolean;
    scenes: string[];
    /** Fare-charging (commercial) operation: needs a safety plan and a transport operating qualification. */
    fares?: boolean;
  };
  vehicles: VehicleFact[];
  /**
   * Whether the monitoring platform can control vehicles remotely (CN-NAT-CYBER). Undeclared counts as yes;
   * remote safety officers on the application also make it yes.
   */
  remoteControlPlatform?: boolean;
  /** On-board or on-site safety operators. */
  operators: OperatorFact[];
  /** Remote safety officers (driverless). */
  remoteOperators: OperatorFact[];
  documents: DocumentFact[];
  /** Driverless applications: the stage requested. */
  requestedDriverlessStage?: DriverlessStage;
  /** Adding vehicles of identical configuration to an existing permit (CN-NAT-ADD-VEH). */
  addingToPermit?: { permitId: string; configurationFingerprint: string };
}

/** A pack setting: its value and whether it is a default awaiting the official text. */
export interface Setting<T> {
  value: T;
  /** True when RULES.md marks the value unconfirmed (U) or a default: results using it say so. */
  isDefault: boolean;
  /** Where the value comes from (rule id or note). */
  source: string;
}
