import { Injectable } from '@nestjs/common';
import { type Environment, InjectEnvironment, RedisClient, ServiceUnavailableException } from '@app/core';

/**
 * Sessions signed out or revoked, kept for as long as an access token of theirs can live, so
 * access tokens stop working at once rather than at expiry.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    private readonly redis: RedisClient,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(`session:revoked:${sessionId}`, '1', 'EX', this.env.ACCESS_TOKEN_TTL_SECONDS);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    try {
      return (await this.redis.exists(`session:revoked:${sessionId}`)) === 1;
    } catch {
      throw new ServiceUnavailableException('Authentication is temporarily unavailable', 5);
    }
  }
}
