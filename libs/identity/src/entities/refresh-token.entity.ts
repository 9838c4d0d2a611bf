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
import { UserAccount } from './user-account.entity';

/**
 * One refresh token of a sign-in session (its family). Each use rotates it: the used token is
 * marked and a new one issued in the same family. Presenting a used token again means it was
 * stolen, so the whole family is revoked.
 */
@Entity({ name: 'refresh_tokens' })
@Index('IDX_refresh_tokens_family', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  familyId!: string;

  @Index('IDX_refresh_tokens_user')
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_refresh_tokens_user' })
  user?: Relation<UserAccount>;

  /** SHA-256 of the token: it is random and high-entropy, so a fast hash suffices. */
  @Index('UQ_refresh_tokens_hash', { unique: true })
  @Column('char', { length: 64 })
  tokenHash!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
