import { Role } from '@app/core';

/** Who may call a route: people by role, anyone (PUBLIC), or a vehicle's or roadside device's own token. */
export type RouteAccess = Role | 'PUBLIC' | 'VEHICLE' | 'DEVICE';

/** Everyone who can present a request: the five roles, nobody, and the two machine credentials. */
export type Caller = Role | 'ANONYMOUS' | 'VEHICLE' | 'DEVICE';

export const CALLERS: readonly Caller[] = [...Object.values(Role), 'ANONYMOUS', 'VEHICLE', 'DEVICE'];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path as /docs-json writes it, with {parameters}. */
  path: string;
  roles: readonly RouteAccess[];
}

const { PlatformAdmin, Regulator, Auditor, EnterpriseAdmin, EnterpriseOperator } = Role;
const EVERYONE_SIGNED_IN = [PlatformAdmin, Regulator, Auditor, EnterpriseAdmin, EnterpriseOperator];
const ENTERPRISE = [EnterpriseAdmin, EnterpriseOperator];
const STAFF_READERS = [Regulator, Auditor, PlatformAdmin];
const STAFF_MANAGERS = [Regulator, PlatformAdmin];
const WEBHOOK_READERS = [EnterpriseAdmin, Regulator, Auditor, PlatformAdmin];
const AUDIT_READERS = [Auditor, PlatformAdmin];

const route = (method: RouteSpec['method'], path: string, roles: readonly RouteAccess[]): RouteSpec => ({
  method,
  path,
  roles,
});

/**
 * Every route of the API and who may call it: the one table the security suite derives its
 * role matrix from. It must list exactly the operations of /docs-json with the roles each
 * declares in x-roles, so a new route fails the suite until it is added here.
 */
export const ROUTES: readonly RouteSpec[] = [
  route('GET', '/health', ['PUBLIC']),
  route('GET', '/health/ready', ['PUBLIC']),

  route('POST', '/v1/auth/login', ['PUBLIC']),
  route('POST', '/v1/auth/refresh', ['PUBLIC']),
  route('POST', '/v1/auth/logout', EVERYONE_SIGNED_IN),
  route('GET', '/v1/auth/me', EVERYONE_SIGNED_IN),
  route('POST', '/v1/auth/invitations/accept', ['PUBLIC']),

  route('POST', '/v1/enterprises', ['PUBLIC']),
  route('GET', '/v1/enterprises', EVERYONE_SIGNED_IN),
  route('GET', '/v1/enterprises/{id}', EVERYONE_SIGNED_IN),
  route('POST', '/v1/enterprises/{id}/verify', [Regulator]),
  route('POST', '/v1/enterprises/{id}/reject', [Regulator]),
  route('POST', '/v1/enterprises/{id}/invitations', [EnterpriseAdmin]),
  route('GET', '/v1/enterprises/{id}/users', [EnterpriseAdmin, PlatformAdmin, Regulator, Auditor]),
  route('POST', '/v1/staff/invitations', [PlatformAdmin]),
  route('GET', '/v1/jurisdictions', ['PUBLIC']),

  route('POST', '/v1/safety-operators', ENTERPRISE),
  route('GET', '/v1/safety-operators', EVERYONE_SIGNED_IN),
  route('GET', '/v1/safety-operators/{id}', EVERYONE_SIGNED_IN),
  route('PATCH', '/v1/safety-operators/{id}', ENTERPRISE),

  route('GET', '/v1/audit', [Auditor, PlatformAdmin, EnterpriseAdmin]),
  route('GET', '/v1/audit/verify', AUDIT_READERS),
  route('POST', '/v1/audit/checkpoints', AUDIT_READERS),
  route('GET', '/v1/audit/checkpoints/{id}', AUDIT_READERS),

  route('POST', '/v1/vehicles', ENTERPRISE),
  route('GET', '/v1/vehicles', EVERYONE_SIGNED_IN),
  route('GET', '/v1/vehicles/{id}', EVERYONE_SIGNED_IN),
  route('GET', '/v1/vehicles/{id}/configurations', EVERYONE_SIGNED_IN),
  route('POST', '/v1/vehicles/{id}/configurations', ENTERPRISE),
  route('GET', '/v1/vehicles/{id}/closed-field-tests', EVERYONE_SIGNED_IN),
  route('POST', '/v1/vehicles/{id}/closed-field-tests', ENTERPRISE),
  route('POST', '/v1/vehicles/{id}/credentials', [EnterpriseAdmin]),
  route('GET', '/v1/vehicles/{id}/credentials', [EnterpriseAdmin, PlatformAdmin]),
  route('DELETE', '/v1/vehicles/{id}/credentials/{credentialId}', [EnterpriseAdmin]),
  route('GET', '/v1/vehicles/{id}/position', EVERYONE_SIGNED_IN),
  route('GET', '/v1/vehicles/{id}/track', EVERYONE_SIGNED_IN),
  route('GET', '/v1/vehicles/{id}/stats', EVERYONE_SIGNED_IN),

  route('POST', '/v1/zones', STAFF_MANAGERS),
  route('GET', '/v1/zones', EVERYONE_SIGNED_IN),
  route('GET', '/v1/zones/{id}', EVERYONE_SIGNED_IN),
  route('PATCH', '/v1/zones/{id}', STAFF_MANAGERS),

  route('POST', '/v1/telemetry', ['VEHICLE']),
  route('GET', '/v1/telemetry/watermark', ['VEHICLE']),
  route('GET', '/v1/fleet/summary', EVERYONE_SIGNED_IN),

  route('POST', '/v1/applications', ENTERPRISE),
  route('GET', '/v1/applications', EVERYONE_SIGNED_IN),
  route('GET', '/v1/applications/{id}', EVERYONE_SIGNED_IN),
  route('PATCH', '/v1/applications/{id}', ENTERPRISE),
  route('POST', '/v1/applications/{id}/documents', ENTERPRISE),
  route('GET', '/v1/applications/{id}/documents', EVERYONE_SIGNED_IN),
  route('GET', '/v1/applications/{id}/documents/{documentId}/content', EVERYONE_SIGNED_IN),
  route('POST', '/v1/applications/{id}/submit', ENTERPRISE),
  route('POST', '/v1/applications/{id}/withdraw', ENTERPRISE),
  route('GET', '/v1/applications/{id}/eligibility', EVERYONE_SIGNED_IN),
  route('POST', '/v1/applications/{id}/review', [Regulator]),
  route('POST', '/v1/applications/{id}/request-changes', [Regulator]),
  route('POST', '/v1/applications/{id}/reject', [Regulator]),
  route('POST', '/v1/applications/{id}/approve', [Regulator]),

  route('GET', '/v1/permits', EVERYONE_SIGNED_IN),
  route('GET', '/v1/permits/{id}', EVERYONE_SIGNED_IN),
  route('POST', '/v1/permits/{id}/suspend', [Regulator]),
  route('POST', '/v1/permits/{id}/reinstate', [Regulator]),
  route('POST', '/v1/permits/{id}/revoke', [Regulator]),
  route('POST', '/v1/recognitions', [Regulator]),
  route('GET', '/v1/public/permits', ['PUBLIC']),

  route('POST', '/v1/incidents', ENTERPRISE),
  route('GET', '/v1/incidents', EVERYONE_SIGNED_IN),
  route('GET', '/v1/incidents/nearby', STAFF_READERS),
  route('GET', '/v1/incidents/{id}', EVERYONE_SIGNED_IN),
  route('PATCH', '/v1/incidents/{id}', ENTERPRISE),
  route('GET', '/v1/incidents/{id}/versions', EVERYONE_SIGNED_IN),
  route('GET', '/v1/incidents/{id}/telemetry', EVERYONE_SIGNED_IN),
  route('POST', '/v1/incidents/{id}/analysis-request', [Regulator]),
  route('POST', '/v1/incidents/{id}/analysis-report', ENTERPRISE),
  route('POST', '/v1/incidents/{id}/suspend-permits', [Regulator]),

  route('GET', '/v1/takeovers', EVERYONE_SIGNED_IN),
  route('PATCH', '/v1/takeovers/{vehicleId}/{seq}', ENTERPRISE),
  route('GET', '/v1/disengagements', EVERYONE_SIGNED_IN),
  route('POST', '/v1/operations/trips', ENTERPRISE),
  route('GET', '/v1/operations/totals', EVERYONE_SIGNED_IN),

  route('GET', '/v1/alerts', EVERYONE_SIGNED_IN),
  route('GET', '/v1/alerts/stream', STAFF_READERS),
  route('GET', '/v1/alerts/{id}', EVERYONE_SIGNED_IN),
  route('POST', '/v1/alerts/{id}/acknowledge', [Regulator, PlatformAdmin, EnterpriseAdmin, EnterpriseOperator]),
  route('POST', '/v1/alerts/{id}/resolve', [Regulator, PlatformAdmin, EnterpriseAdmin, EnterpriseOperator]),

  route('GET', '/v1/reports', EVERYONE_SIGNED_IN),
  route('POST', '/v1/reports/generate', STAFF_MANAGERS),
  route('GET', '/v1/reports/{id}', EVERYONE_SIGNED_IN),

  route('POST', '/v1/roadside-devices/heartbeat', ['DEVICE']),
  route('POST', '/v1/roadside-devices', STAFF_MANAGERS),
  route('GET', '/v1/roadside-devices', STAFF_READERS),
  route('GET', '/v1/roadside-devices/{id}', STAFF_READERS),
  route('PATCH', '/v1/roadside-devices/{id}', STAFF_MANAGERS),
  route('POST', '/v1/roadside-devices/{id}/token', STAFF_MANAGERS),
  route('POST', '/v1/roadside-devices/{id}/decommission', STAFF_MANAGERS),

  route('POST', '/v1/webhooks', [EnterpriseAdmin]),
  route('GET', '/v1/webhooks', WEBHOOK_READERS),
  route('GET', '/v1/webhooks/{id}', WEBHOOK_READERS),
  route('PATCH', '/v1/webhooks/{id}', [EnterpriseAdmin]),
  route('DELETE', '/v1/webhooks/{id}', [EnterpriseAdmin]),
  route('POST', '/v1/webhooks/{id}/rotate-secret', [EnterpriseAdmin]),
  route('GET', '/v1/webhooks/{id}/deliveries', WEBHOOK_READERS),

  route('GET', '/v1/stats', STAFF_READERS),
];

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** Whether the path names a resource by id (every such route is walked for cross-tenant access). */
export const hasIdParameter = (r: RouteSpec): boolean => /\{[a-zA-Z]*[iI]d\}/.test(r.path);

/**
 * What a caller must get from a route: through the guard ('allow'), 401 (no credential, or one of
 * the wrong kind: people's routes take access tokens, machine routes their own token) or 403 (a
 * person whose role the route does not list).
 */
export function expectedAccess(r: RouteSpec, caller: Caller): 'allow' | 401 | 403 {
  if (r.roles.includes('PUBLIC')) return 'allow';
  if (r.roles.includes('VEHICLE')) return caller === 'VEHICLE' ? 'allow' : 401;
  if (r.roles.includes('DEVICE')) return caller === 'DEVICE' ? 'allow' : 401;
  if (caller === 'ANONYMOUS' || caller === 'VEHICLE' || caller === 'DEVICE') return 401;
  return r.roles.includes(caller) ? 'allow' : 403;
}
