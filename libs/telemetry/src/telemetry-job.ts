import { UnrecoverableError } from 'bullmq';
import { type TelemetryBatchJob } from './telemetry-writer.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = ['seq', 'ts', 'lat', 'lon', 'speedKmh', 'headingDeg', 'odometerKm', 'mode'] as const;

/**
 * Checks a telemetry job's shape in the worker. The API validated every value; this guards the
 * queue boundary (another producer, a corrupted job) cheaply, where class-validator over
 * thousands of array elements per job would cost more than the write. A bad job never retries.
 */
export function assertTelemetryJob(data: unknown): TelemetryBatchJob {
  const job = data as Partial<TelemetryBatchJob> | null;
  const fail = (reason: string): never => {
    throw new UnrecoverableError(`invalid telemetry.persist payload: ${reason}`);
  };
  if (!job || typeof job !== 'object') return fail('not an object');
  if (typeof job.vehicleId !== 'string' || !UUID.test(job.vehicleId)) fail('vehicleId must be a UUID');
  if (typeof job.jurisdictionCode !== 'string') fail('jurisdictionCode must be a string');
  if (!Number.isSafeInteger(job.receivedAt)) fail('receivedAt must be epoch milliseconds');
  if (!Array.isArray(job.rejectedSeqs) || !job.rejectedSeqs.every((s) => Number.isSafeInteger(s) && s >= 1))
    fail('rejectedSeqs must be seqs');
  const points = job.points;
  if (!points || typeof points !== 'object') return fail('points missing');
  const length = Array.isArray(points.seq) ? points.seq.length : -1;
  for (const column of COLUMNS) {
    if (!Array.isArray(points[column]) || points[column].length !== length)
      fail(`points.${column} must be an array as long as points.seq`);
  }
  if (!points.seq.every((s) => Number.isSafeInteger(s) && s >= 1)) fail('points.seq must be integers ≥ 1');
  if (new Set(points.seq).size !== length) fail('points.seq must be unique');
  return job as TelemetryBatchJob;
}
