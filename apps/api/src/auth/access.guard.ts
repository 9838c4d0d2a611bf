import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '@app/identity';
import { ForbiddenException, IS_PUBLIC, type Role, ROLES, UnauthorizedException } from '@app/core';
import { type ApiRequest } from '../http/request-context.decorator';

/**
 * Runs on every route: public routes pass; others need a valid access token whose role is one
 * the route declares with @Roles. A route with neither is refused (and fails the start-up check).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new UnauthorizedException(
        'missing-credentials',
        'Send an access token as Authorization: Bearer <token>',
      );
    const actor = await this.auth.authenticate(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (!roles.includes(actor.role)) {
      throw new ForbiddenException(
        `Role ${actor.role} may not use this route (allowed: ${roles.join(', ') || 'none'})`,
      );
    }
    request.actor = actor;
    return true;
  }
}
