import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CoreModule, QueueName } from '@app/core';
import { PermitsModule } from '@app/permits';
import { ReportingModule } from '@app/reporting';
import { RoadsideModule } from '@app/roadside';
import { ComplianceModule, SupervisionModule } from '@app/supervision';
import { TelemetryModule } from '@app/telemetry';
import { AuditProcessor } from './processors/audit.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { ReportsProcessor } from './processors/reports.processor';
import { QueueDashboardModule } from './queue-dashboard.module';
import { QueueMetrics } from './queue-metrics';
import { TelemetryProcessor } from './processors/telemetry.processor';
import { WebhookProcessor } from './processors/webhook.processor';
import { WebhookRelay } from './processors/webhook.relay';

/** The same domain modules as the API, minus its controllers, plus the BullMQ processors. */
@Module({
  imports: [
    CoreModule,
    AuditModule,
    TelemetryModule,
    PermitsModule,
    SupervisionModule,
    ComplianceModule,
    ReportingModule,
    RoadsideModule,
    BullModule.registerQueue({ name: QueueName.Maintenance }),
    BullModule.registerQueue({ name: QueueName.Reports }),
    QueueDashboardModule,
  ],
  providers: [
    AuditProcessor,
    TelemetryProcessor,
    MaintenanceProcessor,
    ReportsProcessor,
    WebhookProcessor,
    WebhookRelay,
    QueueMetrics,
  ],
})
export class WorkerModule {}
