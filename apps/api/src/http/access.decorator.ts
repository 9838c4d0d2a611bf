import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { DeviceRoute, Public, type Role, Roles, VehicleRoute } from '@app/core';
import { ProblemDto } from './problem.dto';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each field and the reason',
  401: 'Missing, invalid or expired credentials',
  403: 'The caller’s role may not use this route',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state, which the problem names',
  413: 'Request body over the size limit',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'A backing service is unavailable; see Retry-After',
};

/** Documents problem+json responses for the given statuses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

export interface AccessOptions {
  summary: string;
  description?: string;
  /** Error statuses this route can answer besides 401, 403 and 429. */
  errors?: number[];
}

/**
 * Declares who may call a route, and documents it: the roles (also as `x-roles`), the bearer
 * scheme, and the problem responses.
 */
export function Access(roles: readonly Role[], options: AccessOptions): MethodDecorator {
  return applyDecorators(
    Roles(...roles),
    ApiBearerAuth('user'),
    ApiOperation({
      summary: options.summary,
      description: [`Roles: ${roles.join(', ')}.`, options.description].filter(Boolean).join(' '),
    }),
    ApiExtension('x-roles', [...roles]),
    ApiProblems(401, 403, 429, ...(options.errors ?? [])),
  );
}

/** A route anyone may call (still rate-limited). */
export function PublicAccess(options: AccessOptions): MethodDecorator {
  return applyDecorators(
    Public(),
    ApiOperation({
      summary: options.summary,
      description: ['Public.', options.description].filter(Boolean).join(' '),
    }),
    ApiExtension('x-roles', ['PUBLIC']),
    ApiProblems(429, ...(options.errors ?? [])),
  );
}

/** A route for a machine with its own token (a vehicle or a roadside device), never a person. */
function tokenAccess(
  route: () => MethodDecorator,
  scheme: 'vehicle' | 'device',
  options: AccessOptions,
): MethodDecorator {
  const label = scheme === 'vehicle' ? 'Vehicle' : 'Device';
  return applyDecorators(
    route(),
    ApiBearerAuth(scheme),
    ApiOperation({
      summary: options.summary,
      description: [`${label} token.`, options.description].filter(Boolean).join(' '),
    }),
    ApiExtension('x-roles', [scheme.toUpperCase()]),
    ApiProblems(401, ...(options.errors ?? [])),
  );
}

/** A route for vehicles, authenticated by a per-vehicle token. */
export const VehicleAccess = (options: AccessOptions): MethodDecorator => tokenAccess(VehicleRoute, 'vehicle', options);

/** A route for roadside devices, authenticated by a per-device token. */
export const DeviceAccess = (options: AccessOptions): MethodDecorator => tokenAccess(DeviceRoute, 'device', options);
