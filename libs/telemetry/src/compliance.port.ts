import { type TrackPoint } from './segments';

/** A new point as compliance checks see it. */
export type CheckedPoint = TrackPoint & { speedKmh: number };

/** One kind of violation found in a batch, for one vehicle: becomes or updates an open alert. */
export interface ComplianceFinding {
  type: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW';
  ruleId: string;
  permitId: string | null;
  message: { zh: string; en: string };
  firstSeen: number;
  lastSeen: number;
  points: number;
  late: boolean;
}

export interface ComplianceBatch {
  vehicleId: string;
  jurisdictionCode: string;
  receivedAt: number;
  points: readonly CheckedPoint[];
  positionJumps: number;
}

/**
 * What the telemetry writer asks of supervision: the violations in a batch of newly stored points.
 * Supervision implements it (the dependency points supervision → telemetry); without it, no alerts.
 */
export abstract class TelemetryCompliance {
  abstract findings(batch: ComplianceBatch): Promise<ComplianceFinding[]>;
}

/** Alerts the writer stored, for publishing to live subscribers after the commit. */
export interface StoredAlert {
  id: string;
  vehicleId: string;
  enterpriseId: string;
  jurisdictionCode: string;
  type: string;
  severity: string;
  status: string;
  firstSeen: string;
  lastSeen: string;
  pointCount: number;
  late: boolean;
  opened: boolean;
}

export const ALERTS_CHANNEL = 'alerts:live';
