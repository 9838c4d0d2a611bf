import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import {
  type JobPayload,
  NotFoundException,
  QueueName,
  type RequestContext,
  ServiceUnavailableException,
  TransactionService,
} from '@app/core';
import { AuditCheckpoint, CheckpointStatus } from './audit-checkpoint.entity';
import { AuditService } from './audit.service';

@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger(AuditCheckpointService.name);

  constructor(
    @InjectRepository(AuditCheckpoint) private readonly checkpoints: Repository<AuditCheckpoint>,
    @InjectQueue(QueueName.Audit) private readonly queue: Queue<JobPayload<'audit.verify-chain'>>,
    private readonly audit: AuditService,
    private readonly transactions: TransactionService,
  ) {}

  /** Records the request (audited) and hands the verification to the worker. */
  async request(ctx: RequestContext): Promise<AuditCheckpoint> {
    const checkpoint = await this.transactions.run(async (manager) => {
      const created = await manager.save(manager.create(AuditCheckpoint, { requestedBy: ctx.actor.userId }));
      await this.audit.record(manager, ctx, {
        action: 'audit.checkpoint.requested',
        entityType: 'audit_checkpoint',
        entityId: created.id,
        jurisdictionCode: ctx.actor.jurisdictionCode,
      });
      return created;
    });
    try {
      await this.queue.add('audit.verify-chain', { checkpointId: checkpoint.id }, { jobId: checkpoint.id });
    } catch (error) {
      this.logger.error({ err: error, checkpointId: checkpoint.id }, 'could not enqueue audit verification');
      throw new ServiceUnavailableException('The job queue is unavailable; the checkpoint stays pending', 5);
    }
    return checkpoint;
  }

  async get(id: string): Promise<AuditCheckpoint> {
    const checkpoint = await this.checkpoints.findOneBy({ id });
    if (!checkpoint) throw new NotFoundException('Audit checkpoint', id);
    return checkpoint;
  }

  /**
   * Run by the worker: verifies every entry, and that the chain still ends in (or passes
   * through) the head recorded by the last good checkpoint, so a rewritten chain is caught
   * even when all its hashes were recomputed. Running twice gives the same record.
   */
  async run(checkpointId: string): Promise<AuditCheckpoint> {
    const checkpoint = await this.get(checkpointId);
    if (checkpoint.status === CheckpointStatus.Done) return checkpoint;
    const previous = await this.checkpoints.findOne({
      where: { status: CheckpointStatus.Done, ok: true },
      order: { completedAt: 'DESC' },
    });
    const verdict = await this.audit.verify();
    let { ok, reason, firstBrokenSeq } = verdict;
    if (ok && previous?.headSeq && previous.headHash) {
      const hashNow = await this.audit.hashAt(previous.headSeq);
      if (hashNow !== previous.headHash) {
        ok = false;
        firstBrokenSeq = previous.headSeq;
        reason =
          hashNow === null
            ? `the chain is shorter than at checkpoint ${previous.id}`
            : `entry ${previous.headSeq} differs from the head recorded by checkpoint ${previous.id}`;
      }
    }
    await this.checkpoints.update(checkpoint.id, {
      status: CheckpointStatus.Done,
      ok,
      reason,
      firstBrokenSeq,
      entriesChecked: verdict.entriesChecked,
      headSeq: verdict.headSeq,
      headHash: verdict.headHash,
      completedAt: new Date(),
    });
    return this.get(checkpoint.id);
  }
}
