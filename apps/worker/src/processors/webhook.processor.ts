import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { type Environment, InjectEnvironment, type JobName, parseJobPayload, QueueName } from '@app/core';
import { DeliverWebhookJob, WebhookSender } from '@app/supervision';

type WebhookJobName = Extract<JobName, 'webhook.deliver'>;

/** POSTs alert events to the enterprises' webhook endpoints; BullMQ retries failures with backoff. */
@Processor(QueueName.Webhooks)
export class WebhookProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sender: WebhookSender,
    @InjectEnvironment() private readonly env: Environment,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    // Deliveries mostly wait on the network, so one worker runs many at once; a slow receiver
    // then holds one slot, not the queue.
    this.worker.concurrency = this.env.WEBHOOK_CONCURRENCY;
  }

  async process(job: Job<unknown, void, WebhookJobName>): Promise<void> {
    switch (job.name) {
      case 'webhook.deliver': {
        const { deliveryId } = parseJobPayload(DeliverWebhookJob, job.data);
        await this.sender.deliver(deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
        return;
      }
    }
  }
}
