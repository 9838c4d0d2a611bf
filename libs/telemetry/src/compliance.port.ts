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
  /** Null, with enterpriseId, for alerts about a roadside device. */
  vehicleId: string | null;
  enterpriseId: string | null;
  deviceId: string | null;
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

/** RETURNING list that gives a StoredAlert from an INSERT/UPDATE on `alerts AS a`. */
export const STORED_ALERT_RETURNING = `a.id, a.vehicle_id AS "vehicleId", a.enterprise_id AS "enterpriseId",
  a.device_id AS "deviceId", a.jurisdiction_code AS "jurisdictionCode", a.type, a.severity, a.status,
  a.first_seen AS "firstSeen", a.last_seen AS "lastSeen", a.point_count AS "pointCount", a.late, (a.xmax = 0) AS opened`;
