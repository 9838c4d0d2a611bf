import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  type Environment,
  InjectEnvironment,
  type JobPayload,
  QueueName,
  RedisClient,
  ServiceUnavailableException,
  TooManyRequestsException,
  UnauthorizedException,
  ValidationFailedException,
} from '@app/core';
import { revokedCredentialKey, type VehicleIdentity } from '@app/fleet';
import { MalformedTelemetryError, parseTelemetryRequest, type PointRejection } from './protocol';
import { WatermarkStore, watermarkKey } from './watermark.store';

export interface IngestReceipt {
  accepted: number;
  rejected: PointRejection[];
  persistedThroughSeq: number;
}

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The API side of POST /v1/telemetry: validate, check the vehicle's rate and the queue's
 * backlog, enqueue one job, answer. No database writes here; a 202 is only ever sent after the
 * job is in Redis.
 */
const revokedToken = (): UnauthorizedException =>
  new UnauthorizedException('invalid-vehicle-token', 'Vehicle token is unknown or revoked');

@Injectable()
export class TelemetryIngestService {
  private readonly logger = new Logger(TelemetryIngestService.name);

  constructor(
    @InjectQueue(QueueName.Telemetry)
    private readonly queue: Queue<JobPayload<'telemetry.persist'>>,
    private readonly redis: RedisClient,
    private readonly watermarks: WatermarkStore,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  async ingest(vehicle: VehicleIdentity, body: unknown): Promise<IngestReceipt> {
    const receivedAt = Date.now();
    let parsed;
    try {
      parsed = parseTelemetryRequest(body, receivedAt, this.env.TELEMETRY_RESEND_WINDOW_DAYS * 86_400_000);
    } catch (error) {
      if (error instanceof MalformedTelemetryError)
        throw new ValidationFailedException([{ field: error.field, reason: error.reason }]);
      throw error;
    }
    const watermark = await this.admit(vehicle);
    const accepted = parsed.points.seq.length;
    if (accepted > 0 || parsed.rejectedSeqs.length > 0) {
      await this.enqueue({
        vehicleId: vehicle.vehicleId,
        jurisdictionCode: vehicle.jurisdictionCode,
        receivedAt,
        points: parsed.points,
        rejectedSeqs: parsed.rejectedSeqs,
      });
    }
    return { accepted, rejected: parsed.rejected, persistedThroughSeq: watermark };
  }

  /** One Redis round trip: the credential was not just revoked, and the cached watermark. */
  async watermark(vehicle: VehicleIdentity): Promise<number> {
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await this.redis
        .multi()
        .exists(revokedCredentialKey(vehicle.credentialId))
        .get(watermarkKey(vehicle.vehicleId))
        .exec();
    } catch {
      throw new ServiceUnavailableException('The watermark cannot be read right now; retry', 5);
    }
    if (!replies) throw new ServiceUnavailableException('The watermark cannot be read right now; retry', 5);
    const [[, revoked], [, watermark]] = replies;
    if (Number(revoked) === 1) throw revokedToken();
    return this.watermarkOrStored(vehicle.vehicleId, watermark as string | null);
  }

  /**
   * One Redis round trip: count this request against the vehicle's per-minute budget, read its
   * watermark and the queue's backlog, and check its credential was not just revoked. Redis
   * unreachable means nothing can be enqueued: 503.
   */
  private async admit(vehicle: VehicleIdentity): Promise<number> {
    const { vehicleId } = vehicle;
    const minute = Math.floor(Date.now() / 60_000);
    const rateKey = `telemetry:rate:${vehicleId}:${minute}`;
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await this.redis
        .multi()
        .incr(rateKey)
        .expire(rateKey, 120)
        .get(watermarkKey(vehicleId))
        // BullMQ keeps waiting jobs in the list <prefix>:<queue>:wait (the client adds the prefix).
        .llen(`${QueueName.Telemetry}:wait`)
        .exists(revokedCredentialKey(vehicle.credentialId))
        .exec();
    } catch {
      throw new ServiceUnavailableException(
        'Telemetry cannot be accepted right now (queue store unavailable); keep the points and retry',
        5,
      );
    }
    if (!replies)
      throw new ServiceUnavailableException('Telemetry cannot be accepted right now; keep the points and retry', 5);
    const [[, requests], , [, watermark], [, waiting], [, revoked]] = replies;
    if (Number(revoked) === 1) throw revokedToken();
    if (Number(requests) > this.env.TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE) {
      throw new TooManyRequestsException(
        `Vehicle is over ${this.env.TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE} telemetry requests per minute; batch more points per request`,
        60 - Math.floor((Date.now() / 1000) % 60),
      );
    }
    if (Number(waiting) > this.env.TELEMETRY_QUEUE_MAX_WAITING) {
      throw new ServiceUnavailableException('The platform is behind on telemetry; keep the points and retry', 2);
    }
    return this.watermarkOrStored(vehicleId, watermark as string | null);
  }

  /** The watermark Redis holds, or the stored one when Redis has none (evicted or never set). */
  private watermarkOrStored(vehicleId: string, cached: string | null): Promise<number> | number {
    return cached !== null ? Number(cached) : this.watermarks.fromDatabase(vehicleId);
  }

  private async enqueue(job: JobPayload<'telemetry.persist'>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue.add('telemetry.persist', job),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS)),
        ),
      ]);
    } catch (error) {
      // If a timed-out add still lands later, the resend it causes is dropped as a duplicate.
      this.logger.warn({ err: error, vehicleId: job.vehicleId }, 'telemetry not enqueued');
      throw new ServiceUnavailableException('Telemetry cannot be accepted right now; keep the points and retry', 5);
    } finally {
      clearTimeout(timer);
    }
  }
}
