import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { type Actor, type RequestContext, type TenantScope, tenantScopeOf } from '@app/core';
import { type VehicleIdentity } from '@app/fleet';
import { type DeviceIdentity } from '@app/roadside';

/** Express request with the caller set by the access guard (`id` is set by pino-http). */
export interface ApiRequest extends Request {
  actor?: Actor;
  /** Set on vehicle routes from the vehicle token. */
  vehicle?: VehicleIdentity;
  /** Set on roadside device routes from the device token. */
  device?: DeviceIdentity;
}

function requestIdOf(ctx: ExecutionContext): string | null {
  const id = ctx.switchToHttp().getRequest<ApiRequest>().id;
  return typeof id === 'string' ? id : null;
}

function actorOf(ctx: ExecutionContext): Actor {
  const actor = ctx.switchToHttp().getRequest<ApiRequest>().actor;
  // The access guard sets it on every non-public route; reaching here without it is a bug.
  if (!actor) throw new Error('route used an actor but is not guarded');
  return actor;
}

/** The caller and the request id, for services that audit what they change. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => ({
  actor: actorOf(ctx),
  requestId: requestIdOf(ctx),
}));

/** The rows the caller may see (its enterprise, its jurisdiction, or all). */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantScope =>
  tenantScopeOf(actorOf(ctx)),
);

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null => requestIdOf(ctx));

/** The machine a vehicle or device token speaks for, on routes of that kind only. */
const machineOf = <K extends 'vehicle' | 'device'>(kind: K) =>
  createParamDecorator((_: unknown, ctx: ExecutionContext): NonNullable<ApiRequest[K]> => {
    const machine = ctx.switchToHttp().getRequest<ApiRequest>()[kind];
    if (!machine) throw new Error(`route used a ${kind} but is not a ${kind} route`);
    return machine;
  });

/** The vehicle a vehicle token speaks for (vehicle routes only). */
export const CurrentVehicle = machineOf('vehicle');

/** The roadside device a device token speaks for (device routes only). */
export const CurrentDevice = machineOf('device');
