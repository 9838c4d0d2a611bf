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

export const WEBHOOK_EVENTS = ['alert.opened', 'alert.acknowledged', 'alert.resolved'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Where an enterprise wants its alerts POSTed, signed with a secret only it and the server know. */
@Entity({ name: 'webhook_endpoints' })
@Index('IDX_webhook_endpoints_enterprise', ['enterpriseId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'FK_webhook_endpoints_enterprise' })
  enterprise?: Relation<Enterprise>;

  /** The enterprise's, copied so regulators' scope filters need no join. */
  @Column('text')
  jurisdictionCode!: string;

  @Column('text')
  url!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  /**
   * HMAC-SHA256 key of the signatures, kept as issued because the worker signs with it. Never
   * selected unless asked for (the sender only), so no view can leak it.
   */
  @Column('text', { select: false })
  secret?: string;

  @Column('text', { array: true })
  events!: WebhookEvent[];

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
