import { type DefaultJobOptions } from 'bullmq';

/**
 * Queue names are persistent: jobs already waiting under a name stall if it is renamed.
 * Add new names; never rename or reuse one.
 */
export const QueueName = {
  Audit: 'audit',
  Telemetry: 'telemetry',
  Maintenance: 'maintenance',
  Reports: 'reports',
  Webhooks: 'webhooks',
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
  /** Queues the monthly reports of a month (the previous one in each jurisdiction when absent; day 1, 02:00). */
  'reports.monthly': { period?: string };
  /** Queues the semi-annual notice filing of a half-year (the current one when absent; June and December). */
  'reports.notice-filing': { period?: string };
  /** (Re)generates one report; kind and subject as in @app/reporting GenerateReportJob. Job id per subject and period. */
  'reports.generate': { kind: string; subject: string; period: string };
  /** Opens INCIDENT_ANALYSIS_OVERDUE alerts for analysis reports past their due date (every minute). */
  'maintenance.incident-deadlines': Record<string, never>;
  /** Marks silent roadside devices offline and opens their DEVICE_OFFLINE alerts (every 30 s). */
  'maintenance.roadside-offline': Record<string, never>;
  /** Queues the webhook deliveries the live relay missed (every 30 s). */
  'maintenance.webhook-catch-up': Record<string, never>;
  /** POSTs one webhook delivery (a row of webhook_deliveries) to its endpoint; the job id is the delivery id. */
  'webhook.deliver': { deliveryId: string };
}
export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = JobCatalogue[N];

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'audit.verify-chain': QueueName.Audit,
  'telemetry.persist': QueueName.Telemetry,
  'maintenance.telemetry-partitions': QueueName.Maintenance,
  'maintenance.expire-permits': QueueName.Maintenance,
  'maintenance.telemetry-gaps': QueueName.Maintenance,
  'reports.monthly': QueueName.Reports,
  'reports.notice-filing': QueueName.Reports,
  'reports.generate': QueueName.Reports,
  'maintenance.incident-deadlines': QueueName.Maintenance,
  'maintenance.roadside-offline': QueueName.Maintenance,
  'maintenance.webhook-catch-up': QueueName.Maintenance,
  'webhook.deliver': QueueName.Webhooks,
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
