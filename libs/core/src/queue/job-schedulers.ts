import { type Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';

/**
 * Registers a queue's repeating job schedules now and again on every reconnection to Redis: a
 * Redis restarted without its data has lost them. `schedule` upserts schedulers with fixed ids,
 * so however many workers call it, each schedule fires once.
 */
export async function keepJobSchedulers(queue: Queue, schedule: () => Promise<void>, logger: Logger): Promise<void> {
  await schedule();
  (await queue.getBackend().client).on('ready', () => {
    schedule().catch((error: unknown) => logger.warn({ err: error, queue: queue.name }, 'job schedules not restored'));
  });
}
