import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@app/core';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AuditEntry, AuditCheckpoint]),
    BullModule.registerQueue({ name: QueueName.Audit }),
  ],
  providers: [AuditService, AuditCheckpointService],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
