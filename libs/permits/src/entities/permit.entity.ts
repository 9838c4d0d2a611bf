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
import { Enterprise } from '@app/identity';
import { type DriverlessStage, type PermitKind } from '@app/rules';
import { type ApplicationConditions } from './application.entity';

export enum PermitStatus {
  Active = 'ACTIVE',
  Suspended = 'SUSPENDED',
  Revoked = 'REVOKED',
  Expired = 'EXPIRED',
}

/** A daily time window in the jurisdiction's time zone, e.g. { from: '09:00', to: '17:00' }. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** An issued notice (通知书): ACTIVE ⇄ SUSPENDED, → REVOKED, ACTIVE → EXPIRED at the end of validity. */
@Entity({ name: 'permits' })
@Index('IDX_permits_jurisdiction_status', ['jurisdictionCode', 'status'])
@Index('IDX_permits_valid_to', ['status', 'validTo'])
export class Permit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human-readable notice number such as PS-RT-2026-000123. */
  @Index('UQ_permits_notice_number', { unique: true })
  @Column('text')
  noticeNumber!: string;

  @Column('uuid')
  applicationId!: string;

  @Index('IDX_permits_enterprise')
  @Column('uuid')
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_permits_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Column('text')
  jurisdictionCode!: string;

  @Column('text')
  kind!: PermitKind;

  @Column('text', { default: PermitStatus.Active })
  status!: PermitStatus;

  @Column('date')
  validFrom!: string;

  @Column('date')
  validTo!: string;

  @Column('uuid', { array: true, default: () => "'{}'" })
  zoneIds!: string[];

  /** Daily windows when operation is allowed; empty means all day. */
  @Column('jsonb', { default: () => "'[]'" })
  timeWindows!: TimeWindow[];

  @Column('jsonb')
  conditions!: ApplicationConditions;

  @Column('text', { nullable: true })
  driverlessStage!: DriverlessStage | null;

  /** The permit this one renews, if any. */
  @Column('uuid', { nullable: true })
  renewsPermitId!: string | null;

  @Column('uuid')
  issuedBy!: string;

  /** Reason of the last suspension, reinstatement or revocation. */
  @Column('text', { nullable: true })
  statusReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
