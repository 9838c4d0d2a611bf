import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type RequestContext, Role, type TenantScope } from '@app/core';
import {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryQueryDto,
  type WebhookEndpoint,
  WebhooksService,
} from '@app/supervision';
import { Access } from '../http/access.decorator';
import { Ctx, Scope } from '../http/request-context.decorator';

const READERS = [Role.EnterpriseAdmin, Role.Regulator, Role.Auditor, Role.PlatformAdmin];

/** What the API shows of an endpoint: never its secret. */
const webhookView = (e: WebhookEndpoint) => ({
  id: e.id,
  enterpriseId: e.enterpriseId,
  jurisdictionCode: e.jurisdictionCode,
  url: e.url,
  description: e.description,
  events: e.events,
  active: e.active,
  createdBy: e.createdBy,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const SIGNING = [
  'Each event is POSTed as JSON `{ id, event, occurredAt, data }`, where `id` is the delivery id (the same on every',
  'retry), `event` is `alert.opened`, `alert.acknowledged` or `alert.resolved`, and `data` is the alert as',
  '`GET /v1/alerts/{id}` shows it. Headers: `X-AV-Event`, `X-AV-Delivery` (the delivery id), `X-AV-Timestamp`',
  '(Unix seconds) and `X-AV-Signature: sha256=<hex>`, the HMAC-SHA256 of `<X-AV-Timestamp>.<raw body>` keyed with',
  'the secret as returned here. Receivers should recompute it over the raw body, compare in constant time, refuse',
  'timestamps more than 5 minutes old, and deduplicate by delivery id. Any 2xx answer within WEBHOOK_TIMEOUT_MS',
  'delivers; anything else (redirects included) is retried with exponential backoff up to WEBHOOK_MAX_ATTEMPTS',
  'times, except 410 Gone, which gives the delivery up. Deliveries of one endpoint are not ordered.',
].join(' ');

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Access([Role.EnterpriseAdmin], {
    summary: 'Register a webhook endpoint for the enterprise’s alerts; the signing secret is shown only here',
    description: `${SIGNING} Outside production loopback and private hosts are allowed unless WEBHOOK_ALLOW_PRIVATE_HOSTS=false; in production they are refused unless it is true.`,
    errors: [400, 404],
  })
  async create(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Body() dto: CreateWebhookDto) {
    const { endpoint, secret } = await this.webhooks.create(ctx, scope, dto);
    return { ...webhookView(endpoint), secret };
  }

  @Get()
  @Access(READERS, { summary: 'Webhook endpoints visible to the caller (without secrets)' })
  async list(@Scope() scope: TenantScope) {
    return (await this.webhooks.list(scope)).map(webhookView);
  }

  @Get(':id')
  @Access(READERS, { summary: 'One webhook endpoint (without its secret)', errors: [400, 404] })
  async get(@Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    return webhookView(await this.webhooks.get(scope, id));
  }

  @Patch(':id')
  @Access([Role.EnterpriseAdmin], {
    summary: 'Change the URL, description or events, or deactivate the endpoint',
    description: 'A deactivated endpoint receives nothing; its pending deliveries are given up.',
    errors: [400, 404],
  })
  async update(
    @Ctx() ctx: RequestContext,
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWebhookDto,
  ) {
    return webhookView(await this.webhooks.update(ctx, scope, id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Access([Role.EnterpriseAdmin], { summary: 'Delete the endpoint and its delivery history', errors: [400, 404] })
  async remove(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    await this.webhooks.remove(ctx, scope, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @Access([Role.EnterpriseAdmin], {
    summary: 'Replace the signing secret; the new one is shown only here',
    description: 'Every attempt from now on, retries of earlier events included, is signed with the new secret.',
    errors: [400, 404],
  })
  async rotateSecret(@Ctx() ctx: RequestContext, @Scope() scope: TenantScope, @Param('id', ParseUUIDPipe) id: string) {
    const { endpoint, secret } = await this.webhooks.rotateSecret(ctx, scope, id);
    return { ...webhookView(endpoint), secret };
  }

  @Get(':id/deliveries')
  @Access(READERS, {
    summary: 'Deliveries to the endpoint, newest first, with the outcome of each one’s latest attempt',
    description: 'Status is PENDING (waiting or retrying), DELIVERED or FAILED (given up).',
    errors: [400, 404],
  })
  deliveries(
    @Scope() scope: TenantScope,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ) {
    return this.webhooks.deliveriesOf(scope, id, query.limit);
  }
}
