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
import { Alert } from '../../entities/alert.entity';
import { type WebhookEvent, WebhookEndpoint } from './webhook-endpoint.entity';

export enum WebhookDeliveryStatus {
  /** Waiting for its first attempt or for a retry. */
  Pending = 'PENDING',
  Delivered = 'DELIVERED',
  /** Given up: attempts exhausted, the receiver answered 410 Gone, or the endpoint was deactivated. */
  Failed = 'FAILED',
}

/**
 * One event for one endpoint, with the outcome of its latest attempt. Unique per alert, endpoint
 * and event, so relays that hear the same alert twice create one delivery.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('UQ_webhook_deliveries_alert_endpoint_event', ['alertId', 'endpointId', 'event'], { unique: true })
@Index('IDX_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt'])
export class WebhookDelivery {
  /** Also the `id` of the payload and the X-AV-Delivery header, so receivers can deduplicate. */
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  endpointId!: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'FK_webhook_deliveries_endpoint' })
  endpoint?: Relation<WebhookEndpoint>;

  @Column('uuid')
  alertId!: string;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'FK_webhook_deliveries_alert' })
  alert?: Relation<Alert>;

  @Column('text')
  event!: WebhookEvent;

  @Column('timestamptz')
  occurredAt!: Date;

  /** The alert as it was when the event happened: every attempt sends the same body. */
  @Column('jsonb')
  data!: object;

  @Column('text', { default: WebhookDeliveryStatus.Pending })
  status!: WebhookDeliveryStatus;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer', { nullable: true })
  lastStatusCode!: number | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
