import { SetMetadata } from '@nestjs/common';
import { type Role } from './actor';

export const ROLES = 'roles';

/** The roles allowed on a route. A route needs this or @Public(); the API refuses to start otherwise. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

export const VEHICLE_ROUTE = 'vehicleRoute';

/** A route for vehicles: it takes a per-vehicle token, never a person's access token. */
export const VehicleRoute = (): MethodDecorator & ClassDecorator => SetMetadata(VEHICLE_ROUTE, true);

export const DEVICE_ROUTE = 'deviceRoute';

/** A route for roadside devices: it takes a per-device token, never a person's or a vehicle's. */
export const DeviceRoute = (): MethodDecorator & ClassDecorator => SetMetadata(DEVICE_ROUTE, true);
