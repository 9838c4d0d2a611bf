import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import { ServiceUnavailableException } from '@app/core';

/** The throttler, answering 503 (not 500) when its Redis store is unreachable. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      throw new ServiceUnavailableException('Rate limiting is temporarily unavailable', 5);
    }
  }
}
