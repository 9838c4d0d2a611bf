import { SetMetadata } from '@nestjs/common';
import { type Role } from './actor';

export const ROLES = 'roles';

/** The roles allowed on a route. A route needs this or @Public(); the API refuses to start otherwise. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);
