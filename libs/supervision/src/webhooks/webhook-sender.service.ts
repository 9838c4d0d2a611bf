import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Repository } from 'typeorm';
import { type Environment, hmacSha256Hex, InjectEnvironment } from '@app/core';
import { WebhookDelivery, WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { refusedTarget } from './webhook-target';

/** `sha256=` and the hex HMAC-SHA256, keyed with the endpoint's secret, of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

interface Attempt {
  statusCode: number | null;
  error: string | null;
  /** No later attempt can succeed: the receiver answered 410 Gone, or the host is refused. */
  final: boolean;
}

/** Sends one delivery and records how it went; the worker's `webhook.deliver` job calls it. */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);

  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  /**
   * POSTs the delivery once. Resolves when the receiver answered 2xx, or when there is nothing
   * left to send; throws otherwise so that BullMQ retries with backoff (an UnrecoverableError
   * when no retry can help). `lastAttempt` marks the delivery failed instead of pending.
   */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<void> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (delivery?.status !== WebhookDeliveryStatus.Pending) {
      this.logger.log({ deliveryId, status: delivery?.status ?? 'deleted' }, 'webhook delivery skipped');
      return;
    }
    const endpoint = await this.endpoints
      .createQueryBuilder('e')
      .addSelect('e.secret')
      .where('e.id = :id', { id: delivery.endpointId })
      .getOneOrFail();
    if (!endpoint.active) {
      await this.deliveries.update(
        { id: delivery.id },
        { status: WebhookDeliveryStatus.Failed, lastError: 'endpoint deactivated before delivery' },
      );
      return;
    }
    const attempt = await this.send(endpoint, delivery);
    const delivered = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
    const status = delivered
      ? WebhookDeliveryStatus.Delivered
      : attempt.final || lastAttempt
        ? WebhookDeliveryStatus.Failed
        : WebhookDeliveryStatus.Pending;
    await this.record(delivery, status, attempt);
    if (delivered) return;
    const reason = attempt.error ?? `receiver answered ${attempt.statusCode}`;
    this.logger.warn({ deliveryId, endpointId: endpoint.id, status, reason }, 'webhook delivery attempt failed');
    throw attempt.final ? new UnrecoverableError(reason) : new Error(reason);
  }

  private async send(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<Attempt> {
    const refused = await refusedTarget(endpoint.url, this.env);
    if (refused) return { statusCode: null, error: refused, final: true };
    const body = JSON.stringify({
      id: delivery.id,
      event: delivery.event,
      occurredAt: delivery.occurredAt,
      data: delivery.data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'av-permits-webhooks',
          'X-AV-Event': delivery.event,
          'X-AV-Delivery': delivery.id,
          'X-AV-Timestamp': String(timestamp),
          'X-AV-Signature': webhookSignature(endpoint.secret!, timestamp, body),
        },
        body,
        // A redirect is a failed attempt: following it could lead past the host check.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
      });
      // The answer's body is not read; cancelling it frees the connection.
      await response.body?.cancel();
      return { statusCode: response.status, error: null, final: response.status === 410 };
    } catch (error) {
      return { statusCode: null, error: describe(error), final: false };
    }
  }

  private async record(delivery: WebhookDelivery, status: WebhookDeliveryStatus, attempt: Attempt): Promise<void> {
    await this.deliveries.update(
      { id: delivery.id },
      {
        status,
        attempts: () => 'attempts + 1',
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error?.slice(0, 500) ?? null,
        lastAttemptAt: new Date(),
        ...(status === WebhookDeliveryStatus.Delivered ? { deliveredAt: new Date() } : {}),
      },
    );
  }
}

/** fetch reports network failures as "fetch failed" with the system error as its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}
