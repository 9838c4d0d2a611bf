import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
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

/**
 * Events announced to every process (a zone or permit changed, an alert opened) over Redis pub/sub,
 * on channels under REDIS_KEY_PREFIX. Best effort: listeners also reload on a timer, so a lost
 * message delays a change instead of losing it. One subscriber connection per process, opened on
 * the first subscription.
 */
@Injectable()
export class RedisEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisEvents.name);
  private readonly handlers = new Map<string, ((message: string) => void)[]>();
  private readonly subscribed = new Map<string, Promise<void>>();
  private subscriber: Redis | null = null;

  constructor(
    private readonly redis: RedisClient,
    @Inject(environmentConfig.KEY) private readonly env: Environment,
  ) {}

  async publish(event: string, message: string): Promise<void> {
    await this.redis.publish(this.channel(event), message).catch((error: unknown) => {
      this.logger.warn({ err: error, event }, 'event not announced; listeners will catch up on their next reload');
    });
  }

  /** Resolves once the channel is subscribed (or the attempt failed and was logged). */
  subscribe(event: string, handler: (message: string) => void): Promise<void> {
    const channel = this.channel(event);
    const handlers = this.handlers.get(channel) ?? [];
    this.handlers.set(channel, [...handlers, handler]);
    if (!this.subscriber) {
      this.subscriber = new Redis(this.env.REDIS_URL);
      this.subscriber.on('error', () => undefined);
      this.subscriber.on('message', (from: string, message: string) => {
        for (const handle of this.handlers.get(from) ?? []) handle(message);
      });
    }
    let subscribed = this.subscribed.get(channel);
    if (!subscribed) {
      subscribed = this.subscriber.subscribe(channel).then(
        () => undefined,
        (error: unknown) => {
          this.logger.warn({ err: error, event }, 'not subscribed; relying on periodic reloads');
        },
      );
      this.subscribed.set(channel, subscribed);
    }
    return subscribed;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private channel(event: string): string {
    return `${this.env.REDIS_KEY_PREFIX}:${event}`;
  }
}

@Global()
@Module({ providers: [RedisClient, RedisEvents], exports: [RedisClient, RedisEvents] })
export class RedisModule {}
