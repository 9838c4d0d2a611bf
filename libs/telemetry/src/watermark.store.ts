import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisClient } from '@app/core';

const ADVANCE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

export const watermarkKey = (vehicleId: string): string => `telemetry:wm:${vehicleId}`;

/**
 * `persistedThroughSeq` per vehicle. PostgreSQL holds the truth (vehicle_telemetry_state); Redis
 * holds a copy written only after the commit and only ever moved forward, so a read never
 * reports more than is durably stored.
 */
@Injectable()
export class WatermarkStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly dataSource: DataSource,
  ) {}

  async advance(vehicleId: string, seq: number): Promise<void> {
    // If Redis is away the copy lags; reads fall back to PostgreSQL when the key is missing.
    await this.redis.eval(ADVANCE_SCRIPT, 1, watermarkKey(vehicleId), String(seq)).catch(() => undefined);
  }

  /** From PostgreSQL, re-seeding the Redis copy (e.g. after Redis lost its data). */
  async fromDatabase(vehicleId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ seq: string }[]>(
      'SELECT persisted_through_seq AS seq FROM vehicle_telemetry_state WHERE vehicle_id = $1',
      [vehicleId],
    );
    const seq = row ? Number(row.seq) : 0;
    await this.advance(vehicleId, seq);
    return seq;
  }
}
