import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job } from 'bullmq';
import { AuditCheckpointService } from '@app/audit';
import { type JobName, parseJobPayload, QueueName, VerifyAuditChainJob } from '@app/core';

type AuditJobName = Extract<JobName, 'audit.verify-chain'>;

@Processor(QueueName.Audit)
export class AuditProcessor extends WorkerHost {
  private readonly logger = new Logger(AuditProcessor.name);

  constructor(private readonly checkpoints: AuditCheckpointService) {
    super();
  }

  async process(job: Job<unknown, unknown, AuditJobName>): Promise<void> {
    switch (job.name) {
      case 'audit.verify-chain': {
        const { checkpointId } = parseJobPayload(VerifyAuditChainJob, job.data);
        const result = await this.checkpoints.run(checkpointId);
        this.logger.log({ checkpointId, ok: result.ok, entriesChecked: result.entriesChecked }, 'audit chain verified');
        return;
      }
    }
  }
}
