import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FleetModule } from '@app/fleet';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { IncidentsService } from './incidents.service';
import { TakeoversService } from './takeovers.service';
import { OperationsService } from './operations.service';
import { AlertsService } from './alerts.service';
import { IncidentDeadlines } from './incident-deadlines';
import { CommercialTrip } from './entities/commercial-trip.entity';
import { Alert } from './entities/alert.entity';
import { PermitsModule } from '@app/permits';
import { BullModule } from '@nestjs/bullmq';
import { DEFAULT_JOB_OPTIONS, type Environment, environmentConfig, QueueName } from '@app/core';
import { IdentityModule } from '@app/identity';
import { WebhookDelivery } from './webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/entities/webhook-endpoint.entity';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';
import { WebhookSender } from './webhooks/webhook-sender.service';
import { WebhooksService } from './webhooks/webhooks.service';

const webhooks = [WebhooksService, WebhookDispatcher, WebhookSender];

@Module({
  imports: [
    TypeOrmModule.forFeature([Incident, IncidentVersion, CommercialTrip, Alert, WebhookEndpoint, WebhookDelivery]),
    // Webhook retries follow their own settings; queue options replace the root defaults, so spread them.
    BullModule.registerQueueAsync({
      name: QueueName.Webhooks,
      inject: [environmentConfig.KEY],
      useFactory: (env: Environment) => ({
        defaultJobOptions: {
          ...DEFAULT_JOB_OPTIONS,
          attempts: env.WEBHOOK_MAX_ATTEMPTS,
          backoff: { type: 'exponential', delay: env.WEBHOOK_BACKOFF_MS, jitter: 0.2 },
        },
      }),
    }),
    IdentityModule,
    AuditModule,
    FleetModule,
    PermitsModule,
  ],
  providers: [IncidentsService, TakeoversService, OperationsService, AlertsService, IncidentDeadlines, ...webhooks],
  exports: [IncidentsService, TakeoversService, OperationsService, AlertsService, IncidentDeadlines, ...webhooks],
})
export class SupervisionModule {}
