import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  type Environment,
  findVisibleOrFail,
  InjectEnvironment,
  type RequestContext,
  scopeWhere,
  type TenantScope,
  TransactionService,
  ValidationFailedException,
} from '@app/core';
import { EnterprisesService } from '@app/identity';
import { type CreateWebhookDto, type UpdateWebhookDto } from './dto/webhooks.dto';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { refusedTarget } from './webhook-target';

/** An endpoint with its signing secret, as answered once at creation and at each rotation. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** 32 random bytes, hex: the HMAC key as the receiver stores it. */
const newSecret = (): string => randomBytes(32).toString('hex');

/** An enterprise's webhook endpoints: its admins manage them, regulators see those in their scope. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly enterprises: EnterprisesService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  async create(ctx: RequestContext, scope: TenantScope, dto: CreateWebhookDto): Promise<WebhookEndpointWithSecret> {
    const enterprise = await this.enterprises.get(scope, ctx.actor.enterpriseId ?? '');
    await this.checkTarget(dto.url);
    const secret = newSecret();
    return this.transactions.run(async (manager) => {
      const endpoint = await manager.save(
        manager.create(WebhookEndpoint, {
          enterpriseId: enterprise.id,
          jurisdictionCode: enterprise.jurisdictionCode,
          url: dto.url,
          description: dto.description ?? null,
          events: dto.events ?? ['alert.opened'],
          secret,
          createdBy: ctx.actor.userId,
        }),
      );
      delete endpoint.secret;
      await this.audit.recordFor(manager, ctx, 'webhook', endpoint, 'webhook.created', null, this.summary(endpoint));
      return { endpoint, secret };
    });
  }

  list(scope: TenantScope): Promise<WebhookEndpoint[]> {
    return this.endpoints.find({ where: scopeWhere(scope), order: { createdAt: 'ASC' } });
  }

  get(scope: TenantScope, id: string): Promise<WebhookEndpoint> {
    return findVisibleOrFail(this.endpoints.manager, WebhookEndpoint, 'Webhook', scope, id);
  }

  async update(ctx: RequestContext, scope: TenantScope, id: string, dto: UpdateWebhookDto): Promise<WebhookEndpoint> {
    if (dto.url !== undefined) await this.checkTarget(dto.url);
    return this.transactions.run(async (manager) => {
      const endpoint = await findVisibleOrFail(manager, WebhookEndpoint, 'Webhook', scope, id, true);
      const before = this.summary(endpoint);
      const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
      Object.assign(endpoint, changes);
      await manager.save(endpoint);
      await this.audit.recordFor(manager, ctx, 'webhook', endpoint, 'webhook.updated', before, this.summary(endpoint));
      return endpoint;
    });
  }

  async remove(ctx: RequestContext, scope: TenantScope, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const endpoint = await findVisibleOrFail(manager, WebhookEndpoint, 'Webhook', scope, id, true);
      // Its deliveries go with it (cascade); jobs still queued for them find nothing and stop.
      await manager.delete(WebhookEndpoint, { id: endpoint.id });
      await this.audit.recordFor(manager, ctx, 'webhook', endpoint, 'webhook.deleted', this.summary(endpoint), null);
    });
  }

  /** A new secret takes effect at once: every attempt from now on, retries included, is signed with it. */
  rotateSecret(ctx: RequestContext, scope: TenantScope, id: string): Promise<WebhookEndpointWithSecret> {
    return this.transactions.run(async (manager) => {
      const endpoint = await findVisibleOrFail(manager, WebhookEndpoint, 'Webhook', scope, id, true);
      const secret = newSecret();
      await manager.update(WebhookEndpoint, { id: endpoint.id }, { secret });
      // The audit entry says that the secret changed, never what it is.
      await this.audit.recordFor(manager, ctx, 'webhook', endpoint, 'webhook.secret-rotated', null, null);
      return { endpoint, secret };
    });
  }

  /** Deliveries to one endpoint, newest first, without the payloads. */
  async deliveriesOf(scope: TenantScope, id: string, limit = 100): Promise<Omit<WebhookDelivery, 'data'>[]> {
    const endpoint = await this.get(scope, id);
    return this.deliveries.find({
      select: {
        id: true,
        endpointId: true,
        alertId: true,
        event: true,
        occurredAt: true,
        status: true,
        attempts: true,
        lastStatusCode: true,
        lastError: true,
        lastAttemptAt: true,
        deliveredAt: true,
        createdAt: true,
      },
      where: { endpointId: endpoint.id },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  private async checkTarget(url: string): Promise<void> {
    const refused = await refusedTarget(url, this.env);
    if (refused) throw new ValidationFailedException([{ field: 'url', reason: refused }]);
  }

  private summary(e: WebhookEndpoint): Record<string, unknown> {
    return { url: e.url, description: e.description, events: e.events, active: e.active };
  }
}
