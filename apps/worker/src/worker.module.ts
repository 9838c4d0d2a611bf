import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CoreModule, QueueName } from '@app/core';
import { PermitsModule } from '@app/permits';
import { ComplianceModule, SupervisionModule } from '@app/supervision';
import { TelemetryModule } from '@app/telemetry';
import { AuditProcessor } from './processors/audit.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { TelemetryProcessor } from './processors/telemetry.processor';

/** The same domain modules as the API, minus its controllers, plus the BullMQ processors. */
@Module({
  imports: [
    CoreModule,
    AuditModule,
    TelemetryModule,
    PermitsModule,
    SupervisionModule,
    ComplianceModule,
    BullModule.registerQueue({ name: QueueName.Maintenance }),
  ],
  providers: [AuditProcessor, TelemetryProcessor, MaintenanceProcessor],
})
export class WorkerModule {}
