import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { In, Repository } from 'typeorm';
import { type JobPayload, QueueName } from '@app/core';
import { Alert } from '../entities/alert.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEndpoint, type WebhookEvent } from './entities/webhook-endpoint.entity';

const OCCURRED_AT: { [E in WebhookEvent]: (a: Alert) => Date | null } = {
  'alert.opened': (a) => a.createdAt,
  'alert.acknowledged': (a) => a.acknowledgedAt,
  'alert.resolved': (a) => a.resolvedAt,
};

/**
 * Turns alert events into deliveries: one row per subscribed active endpoint of the alert's
 * enterprise, and one `webhook.deliver` job per row. Safe to call any number of times for the
 * same event (the row is unique, and its id is the job id).
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    @InjectRepository(Alert) private readonly alerts: Repository<Alert>,
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue<JobPayload<'webhook.deliver'>>,
  ) {}

  /**
   * Best effort, like the live stream: the alerts are already committed, so a failure here is
   * logged instead of failing the caller.
   */
  async dispatch(event: WebhookEvent, alertIds: string[]): Promise<void> {
    try {
      await this.enqueue(event, alertIds);
    } catch (error) {
      this.logger.error({ err: error, event, alertIds }, 'webhook deliveries not queued');
    }
  }

  /**
   * Makes good what the relay missed (a lost Redis message, every worker down when an alert
   * opened): alerts of the last day with no `alert.opened` delivery for an endpoint that existed
   * when they opened, and deliveries left pending without a job. Runs every 30 s.
   */
  async catchUp(): Promise<number> {
    const missed = await this.alerts.query<{ id: string }[]>(
      `SELECT DISTINCT a.id FROM webhook_endpoints e
       JOIN alerts a ON a.enterprise_id = e.enterprise_id AND a.created_at >= e.created_at
         AND a.created_at > now() - interval '1 day'
       WHERE e.active AND 'alert.opened' = ANY(e.events)
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                         WHERE d.alert_id = a.id AND d.endpoint_id = e.id AND d.event = 'alert.opened')
       LIMIT 1000`,
    );
    const stalled = await this.deliveries.query<{ id: string }[]>(
      `SELECT d.id FROM webhook_deliveries d
       JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active AND d.event = ANY(e.events)
       WHERE d.status = 'PENDING' AND d.created_at < now() - interval '1 minute'`,
    );
    await this.enqueue(
      'alert.opened',
      missed.map((a) => a.id),
    );
    await this.queueDeliveries(stalled.map((d) => d.id));
    return missed.length;
  }

  private async enqueue(event: WebhookEvent, alertIds: string[]): Promise<void> {
    if (alertIds.length === 0) return;
    // Alerts without an enterprise (a roadside device's, say) have no one to notify.
    const alerts = (await this.alerts.findBy({ id: In(alertIds) })).filter((a) => a.enterpriseId);
    if (alerts.length === 0) return;
    const endpoints = await this.endpoints.find({
      select: { id: true, enterpriseId: true, events: true },
      where: { enterpriseId: In([...new Set(alerts.map((a) => a.enterpriseId))]), active: true },
    });
    const rows = alerts.flatMap((alert) =>
      endpoints
        .filter((e) => e.enterpriseId === alert.enterpriseId && e.events.includes(event))
        .map((e) => ({
          endpointId: e.id,
          alertId: alert.id,
          event,
          occurredAt: OCCURRED_AT[event](alert) ?? new Date(),
          // Stored as JSON, as the API shows the alert, and sent unchanged by every retry.
          data: alert,
        })),
    );
    if (rows.length === 0) return;
    await this.deliveries.createQueryBuilder().insert().values(rows).orIgnore().execute();
    // Every pending row, not only those inserted here: a relay that stopped between the insert
    // and the enqueue is made good by the next caller, and the job id keeps it to one job.
    const pending = await this.deliveries.find({
      select: { id: true },
      where: {
        alertId: In(rows.map((r) => r.alertId)),
        endpointId: In(rows.map((r) => r.endpointId)),
        event,
        status: WebhookDeliveryStatus.Pending,
      },
    });
    await this.queueDeliveries(pending.map(({ id }) => id));
  }

  /** One job per delivery; the delivery id is the job id, so a delivery is never queued twice. */
  private async queueDeliveries(deliveryIds: string[]): Promise<void> {
    await this.queue.addBulk(
      deliveryIds.map((id) => ({
        name: 'webhook.deliver',
        data: { deliveryId: id },
        opts: { jobId: id },
      })),
    );
  }
}
