import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Incident } from './incident.entity';

export enum AlertStatus {
  Open = 'OPEN',
  Acknowledged = 'ACKNOWLEDGED',
  Resolved = 'RESOLVED',
}

export type AlertSeverity = 'HIGH' | 'MEDIUM' | 'LOW';

/**
 * A compliance violation: opened once, then updated (last seen, point count) while the condition
 * lasts, until a person resolves it; the next occurrence opens a new alert. At most one unresolved
 * alert per vehicle and type, or per incident and type for alerts about one incident, or per
 * roadside device and type (partial unique indexes).
 */
@Entity({ name: 'alerts' })
@Index('UQ_alerts_unresolved', ['vehicleId', 'type'], {
  unique: true,
  where: `"status" <> 'RESOLVED' AND "incident_id" IS NULL`,
})
@Index('UQ_alerts_incident_unresolved', ['incidentId', 'type'], {
  unique: true,
  where: `"status" <> 'RESOLVED' AND "incident_id" IS NOT NULL`,
})
@Index('UQ_alerts_device_unresolved', ['deviceId', 'type'], {
  unique: true,
  where: `"status" <> 'RESOLVED' AND "device_id" IS NOT NULL`,
})
@Index('IDX_alerts_jurisdiction_status', ['jurisdictionCode', 'status', 'lastSeen'])
@Index('IDX_alerts_enterprise_status', ['enterpriseId', 'status', 'lastSeen'])
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for alerts about a roadside device. */
  @Column('uuid', { nullable: true })
  vehicleId!: string | null;

  /** Null for alerts about a roadside device: enterprises never see those. */
  @Column('uuid', { nullable: true })
  enterpriseId!: string | null;

  /** The roadside device a DEVICE_OFFLINE alert is about. */
  @Column('uuid', { nullable: true })
  deviceId!: string | null;

  // By entity name: @app/roadside depends on this library, not the other way round.
  @ManyToOne('RoadsideDevice', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_alerts_device' })
  device?: unknown;

  @Column('text')
  jurisdictionCode!: string;

  /** The permit whose terms were broken, when one applies. */
  @Column('uuid', { nullable: true })
  permitId!: string | null;

  /** The incident an INCIDENT_* alert is about. */
  @Column('uuid', { nullable: true })
  incidentId!: string | null;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'FK_alerts_incident' })
  incident?: Relation<Incident>;

  /**
   * NO_ACTIVE_PERMIT, OUTSIDE_ZONE, OUTSIDE_HOURS, OVERSPEED, STAGE_EXCEEDED, POSITION_JUMP,
   * TELEMETRY_GAP; INCIDENT_REPORTED_LATE, INCIDENT_ANALYSIS_OVERDUE; DEVICE_OFFLINE.
   */
  @Column('text')
  type!: string;

  @Column('text')
  severity!: AlertSeverity;

  /** The rule broken (RULES.md id) and its text in Chinese and English. */
  @Column('text')
  ruleId!: string;

  @Column('jsonb')
  message!: { zh: string; en: string };

  @Column('text', { default: AlertStatus.Open })
  status!: AlertStatus;

  @Column('timestamptz')
  firstSeen!: Date;

  @Column('timestamptz')
  lastSeen!: Date;

  @Column('integer', { default: 0 })
  pointCount!: number;

  /** Raised from points that arrived late (resent after an outage). */
  @Column('boolean', { default: false })
  late!: boolean;

  @Column('uuid', { nullable: true })
  acknowledgedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt!: Date | null;

  @Column('uuid', { nullable: true })
  resolvedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
