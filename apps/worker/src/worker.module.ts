import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CoreModule } from '@app/core';
import { AuditProcessor } from './processors/audit.processor';

/** The same domain modules as the API, minus its controllers, plus the BullMQ processors. */
@Module({
  imports: [CoreModule, AuditModule],
  providers: [AuditProcessor],
})
export class WorkerModule {}
