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
import { Vehicle } from '@app/fleet';

export enum IncidentKind {
  Collision = 'COLLISION',
  TrafficViolation = 'TRAFFIC_VIOLATION',
}

export enum AvFault {
  Yes = 'YES',
  No = 'NO',
  Undetermined = 'UNDETERMINED',
}

export interface IncidentParty {
  kind: 'VEHICLE' | 'PEDESTRIAN' | 'CYCLIST' | 'PROPERTY' | 'OTHER';
  description: string;
}

/**
 * A collision or traffic violation involving a vehicle, reported by its enterprise. Amendments
 * raise `version` and keep each earlier version in incident_versions.
 */
@Entity({ name: 'incidents' })
@Index('IDX_incidents_vehicle_time', ['vehicleId', 'occurredAt'])
@Index('IDX_incidents_jurisdiction_time', ['jurisdictionCode', 'occurredAt'])
export class Incident {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  enterpriseId!: string;

  @Column('text')
  jurisdictionCode!: string;

  @Column('uuid')
  vehicleId!: string;

  @ManyToOne(() => Vehicle, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'FK_incidents_vehicle' })
  vehicle?: Relation<Vehicle>;

  @Column('text')
  kind!: IncidentKind;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('double precision')
  lat!: number;

  @Column('double precision')
  lon!: number;

  /** Mode at the time: as declared, or from the nearest stored point when not declared. */
  @Column('text', { nullable: true })
  modeAtTime!: string | null;

  @Column('jsonb', { default: () => "'[]'" })
  parties!: IncidentParty[];

  @Column('integer', { default: 0 })
  fatalities!: number;

  @Column('integer', { default: 0 })
  seriousInjuries!: number;

  @Column('integer', { default: 0 })
  minorInjuries!: number;

  @Column('boolean', { default: false })
  vehicleDestroyed!: boolean;

  @Column('text', { nullable: true })
  damage!: string | null;

  @Column('text', { default: AvFault.Undetermined })
  avAtFault!: AvFault;

  @Column('text')
  narrative!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  evidenceRefs!: string[];

  /** Deadline to report to the industry authority, from the rule pack (occurred + deadline hours). */
  @Column('timestamptz')
  reportDueAt!: Date;

  @Column('boolean')
  reportedLate!: boolean;

  /** An analysis report a regulator asked for (BJ-ORD-32), due by analysisDueAt. */
  @Column('timestamptz', { nullable: true })
  analysisRequestedAt!: Date | null;

  @Column('uuid', { nullable: true })
  analysisRequestedBy!: string | null;

  @Column('text', { nullable: true })
  analysisRequestNote!: string | null;

  @Index('IDX_incidents_analysis_due', { where: '"analysis_submitted_at" IS NULL' })
  @Column('timestamptz', { nullable: true })
  analysisDueAt!: Date | null;

  /** The enterprise's analysis report: a document reference and a summary. */
  @Column('text', { nullable: true })
  analysisReportRef!: string | null;

  @Column('text', { nullable: true })
  analysisSummary!: string | null;

  @Column('timestamptz', { nullable: true })
  analysisSubmittedAt!: Date | null;

  @Column('integer', { default: 1 })
  version!: number;

  @Column('uuid')
  reportedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reportedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
