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
import { type DriverlessStage, type Evaluation, type PermitKind } from '@app/rules';

export enum ApplicationStatus {
  Draft = 'DRAFT',
  Submitted = 'SUBMITTED',
  UnderReview = 'UNDER_REVIEW',
  ChangesRequested = 'CHANGES_REQUESTED',
  Approved = 'APPROVED',
  Rejected = 'REJECTED',
  Withdrawn = 'WITHDRAWN',
}

export interface ApplicationConditions {
  night: boolean;
  adverseWeather: boolean;
  expressway: boolean;
  passengers: boolean;
  cargo: boolean;
  /** Scenes such as PASSENGER, CARGO, SANITATION, SECURITY, RETAIL, TOURISM (SEED-PS-SCENES). */
  scenes: string[];
}

/**
 * A permit application (DRAFT → SUBMITTED → UNDER_REVIEW → (CHANGES_REQUESTED → SUBMITTED)* →
 * APPROVED | REJECTED, WITHDRAWN before a decision). Its vehicles, operators and zones are ids
 * of the enterprise's own records, checked when the application is saved.
 */
@Entity({ name: 'applications' })
@Index('IDX_applications_jurisdiction_status', ['jurisdictionCode', 'status'])
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_applications_enterprise')
  @Column('uuid')
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_applications_enterprise' })
  enterprise?: Relation<Enterprise>;

  /** The jurisdiction that decides (the enterprise's own). */
  @Column('text')
  jurisdictionCode!: string;

  @Column('text')
  kind!: PermitKind;

  @Column('text', { default: ApplicationStatus.Draft })
  status!: ApplicationStatus;

  @Column('uuid', { array: true, default: () => "'{}'" })
  vehicleIds!: string[];

  /** On-board or on-site safety operators. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  operatorIds!: string[];

  /** Remote safety officers (driverless and small unmanned vehicles). */
  @Column('uuid', { array: true, default: () => "'{}'" })
  remoteOperatorIds!: string[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  zoneIds!: string[];

  @Column('date')
  requestedFrom!: string;

  @Column('date')
  requestedTo!: string;

  @Column('jsonb')
  conditions!: ApplicationConditions;

  @Column('text', { nullable: true })
  requestedDriverlessStage!: DriverlessStage | null;

  /** Set when the application adds vehicles of identical configuration to an issued permit. */
  @Column('uuid', { nullable: true })
  addsToPermitId!: string | null;

  /** Set when the application renews an issued permit. */
  @Column('uuid', { nullable: true })
  renewsPermitId!: string | null;

  /** The latest eligibility evaluation (also kept in application_evaluations). */
  @Column('jsonb', { nullable: true })
  evaluation!: Evaluation | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  /** Reason of a rejection or change request; note of an approval. */
  @Column('text', { nullable: true })
  decisionReason!: string | null;

  /** Why a regulator approved although some rules did not pass. */
  @Column('text', { nullable: true })
  overrideReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
