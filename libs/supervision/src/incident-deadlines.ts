import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { STORED_ALERT_RETURNING, type StoredAlert } from '@app/telemetry';
import { AlertsService } from './alerts.service';
import { type Incident } from './entities/incident.entity';

/**
 * The deadline alerts of incidents. The industry-authority deadline is a rule-pack setting
 * (CN-NAT-ACCIDENT, unconfirmed); an analysis report is due when a regulator asks for one
 * (BJ-ORD-32), by the date the regulator sets.
 */
export const INCIDENT_ALERTS = {
  INCIDENT_REPORTED_LATE: {
    severity: 'MEDIUM',
    ruleId: 'CN-NAT-ACCIDENT',
    message: { zh: '事故报告晚于报告期限', en: 'Incident reported after its reporting deadline' },
  },
  INCIDENT_ANALYSIS_OVERDUE: {
    severity: 'HIGH',
    ruleId: 'BJ-ORD-32',
    message: { zh: '事故分析报告逾期未提交', en: 'Incident analysis report not submitted by its due date' },
  },
} as const;
export type IncidentAlertType = keyof typeof INCIDENT_ALERTS;

const INSERT_COLUMNS = `INSERT INTO alerts AS a (vehicle_id, enterprise_id, jurisdiction_code, incident_id, type, severity,
  rule_id, message, first_seen, last_seen, point_count, late)`;
const ON_INCIDENT_CONFLICT = `ON CONFLICT (incident_id, type) WHERE status <> 'RESOLVED' AND incident_id IS NOT NULL DO NOTHING`;

@Injectable()
export class IncidentDeadlines {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
  ) {}

  /** Opens an alert about one incident inside the caller's transaction; announce the result after commit. */
  open(manager: EntityManager, incident: Incident, type: IncidentAlertType, since: Date): Promise<StoredAlert[]> {
    const { severity, ruleId, message } = INCIDENT_ALERTS[type];
    return manager.query<StoredAlert[]>(
      `${INSERT_COLUMNS}
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, now(), 0, false)
       ${ON_INCIDENT_CONFLICT}
       RETURNING ${STORED_ALERT_RETURNING}`,
      [
        incident.vehicleId,
        incident.enterpriseId,
        incident.jurisdictionCode,
        incident.id,
        type,
        severity,
        ruleId,
        JSON.stringify(message),
        since,
      ],
    );
  }

  /**
   * Analysis reports past their due date: one alert per incident and due date, so a regulator who
   * resolves the alert is not paged again until a new due date passes (run every minute).
   */
  async openOverdueAnalyses(): Promise<number> {
    const { severity, ruleId, message } = INCIDENT_ALERTS.INCIDENT_ANALYSIS_OVERDUE;
    const opened = await this.dataSource.query<StoredAlert[]>(
      `${INSERT_COLUMNS}
       SELECT i.vehicle_id, i.enterprise_id, i.jurisdiction_code, i.id, 'INCIDENT_ANALYSIS_OVERDUE', $1, $2, $3::jsonb,
         i.analysis_due_at, now(), 0, false
       FROM incidents i
       WHERE i.analysis_due_at < now() AND i.analysis_submitted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x.incident_id = i.id AND x.type = 'INCIDENT_ANALYSIS_OVERDUE'
                           AND x.first_seen = i.analysis_due_at)
       ${ON_INCIDENT_CONFLICT}
       RETURNING ${STORED_ALERT_RETURNING}`,
      [severity, ruleId, JSON.stringify(message)],
    );
    await this.alerts.announce(opened);
    return opened.length;
  }
}
