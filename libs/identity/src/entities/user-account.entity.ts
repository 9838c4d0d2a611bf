import { Role } from '@app/core';
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
import { Jurisdiction } from './jurisdiction.entity';

export enum AccountStatus {
  Active = 'ACTIVE',
  Disabled = 'DISABLED',
}

/** A person who signs in. Regulators and auditors carry a jurisdiction, enterprise users an enterprise. */
@Entity({ name: 'user_accounts' })
@Index('UQ_user_accounts_email', ['email'], { unique: true })
export class UserAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case, so the unique index is case-insensitive in effect. */
  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  passwordHash!: string;

  @Column('text')
  role!: Role;

  @Index('IDX_user_accounts_enterprise')
  @Column('uuid', { nullable: true })
  enterpriseId!: string | null;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_user_accounts_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Column('text', { nullable: true })
  jurisdictionCode!: string | null;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'jurisdiction_code',
    foreignKeyConstraintName: 'FK_user_accounts_jurisdiction',
  })
  jurisdiction?: Relation<Jurisdiction>;

  @Column('text', { default: AccountStatus.Active })
  status!: AccountStatus;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
