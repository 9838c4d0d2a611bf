import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One append-only, hash-chained record of a state change made by a person. The database
 * refuses UPDATE, DELETE and TRUNCATE on this table (see the migration's triggers).
 */
@Entity({ name: 'audit_entries' })
@Index('IDX_audit_entries_enterprise', ['enterpriseId', 'seq'])
@Index('IDX_audit_entries_jurisdiction', ['jurisdictionCode', 'seq'])
@Index('IDX_audit_entries_entity', ['entityType', 'entityId'])
export class AuditEntry {
  /** Gap-free position in the chain, assigned under an advisory lock. */
  @PrimaryColumn('bigint', {
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq!: number;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text')
  actorRole!: string;

  @Column('text')
  action!: string;

  @Column('text')
  entityType!: string;

  @Column('text')
  entityId!: string;

  @Column('uuid', { nullable: true })
  enterpriseId!: string | null;

  @Column('text', { nullable: true })
  jurisdictionCode!: string | null;

  /** Before/after summary of the change. */
  @Column('jsonb')
  summary!: Record<string, unknown>;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('char', { length: 64 })
  prevHash!: string;

  @Column('char', { length: 64 })
  hash!: string;
}
