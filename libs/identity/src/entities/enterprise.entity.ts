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
import { Jurisdiction } from './jurisdiction.entity';

export enum EnterpriseStatus {
  PendingVerification = 'PENDING_VERIFICATION',
  Verified = 'VERIFIED',
  Rejected = 'REJECTED',
}

/**
 * An AV developer or operator registered with one jurisdiction (its supervising zone). A
 * company active in two zones registers once in each, as local filings work in practice.
 */
@Entity({ name: 'enterprises' })
@Index('UQ_enterprises_credit_code_jurisdiction', ['creditCode', 'jurisdictionCode'], {
  unique: true,
})
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** Unified social credit code (GB 32100). */
  @Column('char', { length: 18 })
  creditCode!: string;

  @Index('IDX_enterprises_jurisdiction')
  @Column('text')
  jurisdictionCode!: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'jurisdiction_code',
    foreignKeyConstraintName: 'FK_enterprises_jurisdiction',
  })
  jurisdiction?: Relation<Jurisdiction>;

  @Column('text')
  contactName!: string;

  @Column('text')
  contactPhone!: string;

  @Column('text')
  contactEmail!: string;

  @Column('text', { default: EnterpriseStatus.PendingVerification })
  status!: EnterpriseStatus;

  @Column('timestamptz', { nullable: true })
  verifiedAt!: Date | null;

  @Column('uuid', { nullable: true })
  verifiedBy!: string | null;

  @Column('text', { nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
