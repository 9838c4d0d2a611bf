import { type DefaultJobOptions } from 'bullmq';

/**
 * Queue names are persistent: jobs already waiting under a name stall if it is renamed.
 * Add new names; never rename or reuse one.
 */
export const QueueName = {
  Audit: 'audit',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Each job name maps to exactly one payload type and one queue. */
export interface JobCatalogue {
  'audit.verify-chain': { checkpointId: string };
}
export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N];

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'audit.verify-chain': QueueName.Audit,
};

/**
 * Defaults for every job: retries with exponential backoff, and bounded retention so Redis
 * never fills with finished jobs.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
