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
} from 'typeorm';
import { Enterprise } from './enterprise.entity';

/** An invitation to create an account with a given role and binding; accepted once with its token. */
@Entity({ name: 'invitations' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  role!: Role;

  @Column('uuid', { nullable: true })
  enterpriseId!: string | null;

  @ManyToOne(() => Enterprise, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_invitations_enterprise' })
  enterprise?: Relation<Enterprise>;

  @Column('text', { nullable: true })
  jurisdictionCode!: string | null;

  @Index('UQ_invitations_token_hash', { unique: true })
  @Column('char', { length: 64 })
  tokenHash!: string;

  @Column('uuid')
  invitedBy!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
