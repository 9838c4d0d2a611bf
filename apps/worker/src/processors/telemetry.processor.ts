import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Environment, InjectEnvironment, type JobName, QueueName } from '@app/core';
import { assertTelemetryJob, type PersistResult, TelemetryWriter } from '@app/telemetry';

type TelemetryJobName = Extract<JobName, 'telemetry.persist'>;

@Processor(QueueName.Telemetry)
export class TelemetryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly writer: TelemetryWriter,
    @InjectEnvironment() private readonly env: Environment,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.TELEMETRY_WORKER_CONCURRENCY;
  }

  async process(job: Job<unknown, PersistResult, TelemetryJobName>): Promise<PersistResult> {
    switch (job.name) {
      case 'telemetry.persist':
        // Errors propagate so BullMQ records the failure and retries with backoff.
        return this.writer.persist(assertTelemetryJob(job.data));
    }
  }
}
