import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CheckpointStatus {
  Pending = 'PENDING',
  Done = 'DONE',
}

/**
 * A recorded verification of the whole audit chain, run by the worker. Its head hash can be
 * published or handed to a third party: a chain rewritten later no longer ends in it, even if
 * every hash was recomputed.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { nullable: true })
  requestedBy!: string | null;

  @Column('text', { default: CheckpointStatus.Pending })
  status!: CheckpointStatus;

  @Column('boolean', { nullable: true })
  ok!: boolean | null;

  @Column('integer', { nullable: true })
  entriesChecked!: number | null;

  @Column('bigint', {
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  headSeq!: number | null;

  @Column('char', { length: 64, nullable: true })
  headHash!: string | null;

  @Column('bigint', {
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  firstBrokenSeq!: number | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
