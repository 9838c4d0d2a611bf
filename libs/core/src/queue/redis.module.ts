import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { environmentConfig } from '../config/config.module';
import { type Environment } from '../config/environment';

/**
 * A plain Redis client for health checks, rate limits and short-lived state, with every key under
 * REDIS_KEY_PREFIX. It fails
 * commands fast (no offline queue) so callers can answer 503 instead of hanging.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(environmentConfig.KEY) env: Environment) {
    super(env.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      keyPrefix: `${env.REDIS_KEY_PREFIX}:`,
    });
    // A connection error is reported by the commands that fail; the client reconnects itself.
    this.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.quit().catch(() => this.disconnect());
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
