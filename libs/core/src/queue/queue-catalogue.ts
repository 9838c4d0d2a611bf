import { type DefaultJobOptions } from 'bullmq';

/**
 * Queue names are persistent: jobs already waiting under a name stall if it is renamed.
 * Add new names; never rename or reuse one.
 */
export const QueueName = {
  Audit: 'audit',
  Telemetry: 'telemetry',
  Maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Each job name maps to exactly one payload type and one queue. */
export interface JobCatalogue {
  'audit.verify-chain': { checkpointId: string };
  /** One accepted telemetry request, in columns (see @app/telemetry TelemetryBatchJob). */
  'telemetry.persist': {
    vehicleId: string;
    jurisdictionCode: string;
    /** Epoch ms when the API accepted the request. */
    receivedAt: number;
    points: {
      seq: number[];
      ts: number[];
      lat: number[];
      lon: number[];
      speedKmh: number[];
      headingDeg: number[];
      odometerKm: (number | null)[];
      mode: number[];
    };
    /** Seqs of points the API rejected: consumed for the watermark, never stored. */
    rejectedSeqs: number[];
  };
  /** Creates the coming days' telemetry partitions (daily, and at worker start). */
  'maintenance.telemetry-partitions': Record<string, never>;
  /** Expires permits whose validity has ended (hourly, and at worker start). */
  'maintenance.expire-permits': Record<string, never>;
  /** Opens TELEMETRY_GAP alerts for permitted vehicles that went silent while moving (every minute). */
  'maintenance.telemetry-gaps': Record<string, never>;
  /** Opens INCIDENT_ANALYSIS_OVERDUE alerts for analysis reports past their due date (every minute). */
  'maintenance.incident-deadlines': Record<string, never>;
}
export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N];

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'audit.verify-chain': QueueName.Audit,
  'telemetry.persist': QueueName.Telemetry,
  'maintenance.telemetry-partitions': QueueName.Maintenance,
  'maintenance.expire-permits': QueueName.Maintenance,
  'maintenance.telemetry-gaps': QueueName.Maintenance,
  'maintenance.incident-deadlines': QueueName.Maintenance,
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
