import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  DEVICE_ROUTE,
  ForbiddenException,
  IS_PUBLIC,
  type Role,
  ROLES,
  UnauthorizedException,
  VEHICLE_ROUTE,
} from '@app/core';
import { VehicleCredentialsService } from '@app/fleet';
import { AuthService } from '@app/identity';
import { RoadsideHeartbeatsService } from '@app/roadside';
import { type ApiRequest } from '../http/request-context.decorator';

/**
 * Runs on every route: public routes pass; vehicle routes need a vehicle token and roadside
 * device routes a device token; others need a valid access token whose role is one the route
 * declares with @Roles. A route with none of these is refused (and fails the start-up check).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly vehicleCredentials: VehicleCredentialsService,
    private readonly roadsideDevices: RoadsideHeartbeatsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('missing-credentials', 'Send a token as Authorization: Bearer <token>');
    if (this.reflector.getAllAndOverride<boolean>(VEHICLE_ROUTE, targets)) {
      request.vehicle = await this.vehicleCredentials.authenticate(token);
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(DEVICE_ROUTE, targets)) {
      request.device = await this.roadsideDevices.authenticate(token);
      return true;
    }
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
