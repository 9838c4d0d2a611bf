import { Injectable } from '@nestjs/common';
import {
  type Environment,
  InjectEnvironment,
  RedisClient,
  ServiceUnavailableException,
  TooManyRequestsException,
} from '@app/core';

/**
 * Fixed-window limits on sign-in: attempts per client address, and failed attempts per account.
 * Counters live in Redis so every API replica enforces the same limit.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly redis: RedisClient,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  /**
   * Counts this attempt against the address and, once the address is within its limit, as a
   * failure of the account until recordSuccess clears it: guesses sent at once would otherwise
   * all pass the check before the first of them had failed.
   */
  async admit(ip: string, email: string): Promise<void> {
    const [attempts, ipTtl] = await this.count(`login:ip:${ip}`);
    if (attempts > this.env.LOGIN_MAX_ATTEMPTS_PER_IP) {
      throw new TooManyRequestsException('Too many sign-in attempts from this address', ipTtl);
    }
    const [failures, accountTtl] = await this.count(`login:fail:${email}`);
    if (failures > this.env.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      throw new TooManyRequestsException('Too many failed sign-ins for this account', accountTtl);
    }
  }

  /** Adds one to a counter that lives for the window from its first count: the count and seconds left. */
  private async count(key: string): Promise<[count: number, secondsLeft: number]> {
    const [[, count], , [, ttl]] = (await this.run((r) =>
      r.multi().incr(key).expire(key, this.env.LOGIN_WINDOW_SECONDS, 'NX').ttl(key).exec(),
    )) as [unknown, number | string | null][];
    return [Number(count), Math.max(1, Number(ttl))];
  }

  async recordSuccess(email: string): Promise<void> {
    await this.run((r) => r.del(`login:fail:${email}`));
  }

  private async run<T>(command: (redis: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await command(this.redis);
    } catch {
      // Without the counters there is no limit: refuse rather than allow unlimited guessing.
      throw new ServiceUnavailableException('Sign-in is temporarily unavailable', 5);
    }
  }
}
