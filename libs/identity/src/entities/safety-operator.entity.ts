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
import { Enterprise } from './enterprise.entity';

/**
 * A safety operator (测试驾驶人 / 安全员) declared by an enterprise, with the facts the rule
 * packs check (CN-NAT-DRIVER, BJ-19-DRIVER). The identity number itself is never stored: only
 * its masked form, a keyed hash for uniqueness, and the birth date it encodes.
 */
@Entity({ name: 'safety_operators' })
@Index('UQ_safety_operators_identity', ['enterpriseId', 'identityNumberHash'], { unique: true })
export class SafetyOperator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_safety_operators_enterprise')
  @Column('uuid')
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_safety_operators_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Column('text')
  jurisdictionCode!: string;

  @Column('text')
  name!: string;

  @Column('text')
  identityNumberMasked!: string;

  /** HMAC-SHA256 of the identity number under IDENTITY_HASH_SECRET. */
  @Column('char', { length: 64 })
  identityNumberHash!: string;

  @Column('date')
  birthDate!: string;

  /** Driving licence class, e.g. C1, A1, B2. */
  @Column('text')
  licenceClass!: string;

  @Column('date')
  firstLicensedOn!: string;

  /** Hours of automated-driving training (Beijing requires ≥ 50, BJ-19-DRIVER). */
  @Column('numeric', {
    precision: 8,
    scale: 1,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  adTrainingHours!: number;

  /** Declarations (CN-NAT-DRIVER): each true when the operator declares the clean record. */
  @Column('boolean')
  noFullScoreInLastThreeCycles!: boolean;

  @Column('boolean')
  noDrinkOrDrugDriving!: boolean;

  @Column('boolean')
  noSeriousAtFaultAccident!: boolean;

  @Column('boolean')
  noSeriousViolationLastYear!: boolean;

  /** Reference of the enterprise's takeover-training certificate, if any. */
  @Column('text', { nullable: true })
  trainingCertificateRef!: string | null;

  /** Qualified as a remote safety officer (远程安全员) for driverless operation. */
  @Column('boolean', { default: false })
  remoteQualified!: boolean;

  @Column('boolean', { default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
