import { createHmac } from 'node:crypto';
import { creditCodeCheckCharacter, identityCheckCharacter } from '@app/identity';
import { CONFIGURATION, uniqueVin } from './fleet-helpers';
import { PASSWORD, uniqueCreditCode, validSafetyOperator } from './identity-helpers';
import { BASE_DOCUMENTS, inDays, NO_CONDITIONS } from './permit-helpers';
import { eastboundTrack } from './track';

/**
 * The abuse table: malformed and hostile requests to every operation of the public API, each
 * with the 4xx it must get and, where the failure is about one field, the field the problem
 * must name. Rows are refused requests only: a run of them must leave every table, the audit
 * chain and every queue exactly as they were.
 */

export type Caller =
  | 'anonymous'
  | 'platformAdmin'
  | 'regulator'
  | 'auditor'
  | 'enterpriseAdmin'
  | 'enterpriseOperator'
  | 'vehicle'
  | 'device';

/** What the world built before the cases holds: ids (and a refresh token) the rows refer to. */
export type FixtureName =
  | 'enterprise'
  | 'pendingEnterprise'
  | 'operator'
  | 'vehicle'
  | 'credential'
  | 'zone'
  | 'reviewedApplication'
  | 'draftApplication'
  | 'document'
  | 'permit'
  | 'alert'
  | 'takeoverSeq'
  | 'incident'
  | 'webhook'
  | 'device'
  | 'report'
  | 'checkpoint'
  | 'refreshToken';
export type Fixtures = Record<FixtureName, string>;

export interface Ref {
  ref: FixtureName;
}
/** A path parameter sent exactly as written (already percent-encoded, possibly badly). */
export interface Raw {
  raw: string;
}
export type Value = string | Ref | Raw;

export const ref = (name: FixtureName): Ref => ({ ref: name });
export const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && 'ref' in value;
export const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && 'raw' in value;

export interface AbuseCase {
  /** The OpenAPI operation, e.g. `POST /v1/vehicles/{id}/configurations`. */
  operation: string;
  name: string;
  caller: Caller;
  params?: Record<string, Value>;
  query?: Record<string, unknown>;
  /** A query string sent as written, for encodings URLSearchParams would repair. */
  rawQuery?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Placeholder strings in `body` written as these bytes instead (see jsonBytes). */
  literals?: Record<string, string | Buffer>;
  /** Sent as is with Content-Type application/json (unless `headers` says otherwise). */
  raw?: Buffer | string;
  headers?: Record<string, string>;
  status: number;
  /** The field the problem's `errors` must name. */
  field?: string;
}

/** What a route reads from a request body: a validated DTO, nothing, or the telemetry protocol. */
type BodyKind = 'dto' | 'none' | 'protocol';

interface Route {
  operation: string;
  /** A caller the route admits, so that refusals come from the input and not from the role. */
  caller: Caller;
  params?: Record<string, Value>;
  body: BodyKind;
  /** A body the route would accept (DTO routes): single-field cases change one field of it. */
  valid?: Record<string, unknown>;
  /** The route validates its query with a DTO; `validQuery` holds the required parameters. */
  queryDto?: boolean;
  validQuery?: Record<string, unknown>;
}

// -------------------------------------------------------------------------------------------
// Hostile building blocks
// -------------------------------------------------------------------------------------------

const UNKNOWN_ID = '7b0a1c52-4f0e-4d36-9b55-1d2f0e6a9c11';
const SQL = `' OR '1'='1' --`;
const SCRIPT = '<script>alert(document.cookie)</script>';
const YEAR_MINUS_271821 = '-271821-04-20T00:00:00.000Z';
const HOUR = 3_600_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
/** A check character other than the right one. */
const wrongCheck = (right: string): string => (right === '0' ? '1' : '0');
const BAD_CREDIT_CODE = '91440300MA5FXXXX1' + wrongCheck(creditCodeCheckCharacter('91440300MA5FXXXX1'));
const BAD_IDENTITY_NUMBER = '44031019900101001' + wrongCheck(identityCheckCharacter('44031019900101001'));

/**
 * JSON of `value` with each placeholder string replaced by its literal bytes: numbers JSON.stringify
 * cannot write (1e309, parsed as Infinity) or strings that are not UTF-8.
 */
export function jsonBytes(value: unknown, literals: Record<string, string | Buffer> = {}): Buffer {
  const text = JSON.stringify(value);
  const placeholders = Object.keys(literals);
  if (placeholders.length === 0) return Buffer.from(text);
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(placeholders.map((p) => `"${p}"`).join('|'), 'g'))) {
    parts.push(Buffer.from(text.slice(last, match.index)), Buffer.from(literals[match[0].slice(1, -1)]));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(last)));
  return Buffer.concat(parts);
}

/** Infinity as JSON can carry it: a number too large for a double. */
const INFINITY = { '@inf': '1e309' };

/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong '/', a surrogate half, a cut sequence, 0xFF. */
const BAD_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xff, 0xfe]),
];

/** A JSON string holding `text` and then bytes that are not UTF-8. */
const badString = (text: string, bad: Buffer): Buffer =>
  Buffer.concat([Buffer.from(JSON.stringify(text).slice(0, -1)), bad, Buffer.from('"')]);

/** `valid` with invalid UTF-8 at the end of its first string field (or in an extra one). */
function withBadUtf8(valid: Record<string, unknown> | undefined, bad: Buffer): Partial<AbuseCase> {
  const body = { ...(valid ?? {}) };
  const field = Object.keys(body).find((key) => typeof body[key] === 'string') ?? 'note';
  const text = typeof body[field] === 'string' ? body[field] : '';
  return { body: { ...body, [field]: '@bad' }, literals: { '@bad': badString(text, bad) } };
}

const DEPTH = 10_000;
/** Ten thousand levels of nesting, in three shapes. */
const DEEP = [
  '['.repeat(DEPTH) + ']'.repeat(DEPTH),
  '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
  '{"points":' + '['.repeat(DEPTH) + ']'.repeat(DEPTH) + '}',
];

/** Not JSON, or JSON that strict mode refuses (a bare scalar). */
const MALFORMED = [
  '{"a":',
  '{"a":NaN}',
  '{"a":Infinity}',
  "{'a':1}",
  '{"a":1,}',
  '{"a":01}',
  '{"a":"\u0001"}',
  '{"a":1}{"b":2}',
  'null',
  '"a string"',
  '12345',
  '{"a":"\\ud800\\u"}',
  '<?xml version="1.0"?><a/>',
];

/** Non-UUID values for a UUID path parameter. */
const NOT_UUIDS: Value[] = [
  SQL,
  '../../../etc/passwd',
  { raw: '%FF%FE' },
  { raw: '%E0%A4%A' },
  SCRIPT,
  '00000000-0000-0000-0000-00000000000g',
  'a'.repeat(5000),
  '1e309',
  { raw: '%00' },
  '{"$ne":null}',
];

const b64 = (value: string): string => Buffer.from(value).toString('base64url');
const ADMIN_CLAIMS = b64(JSON.stringify({ sub: UNKNOWN_ID, role: 'PLATFORM_ADMIN', sid: UNKNOWN_ID }));
const UNSIGNED = `${b64('{"alg":"none","typ":"JWT"}')}.${ADMIN_CLAIMS}.`;
const WRONG_KEY = `${b64('{"alg":"HS256","typ":"JWT"}')}.${ADMIN_CLAIMS}`;
/** Authorization values that must never get in, whatever the route. */
const HOSTILE_AUTHORIZATIONS: Record<string, string>[] = [
  {},
  { Authorization: `Bearer ${SQL}` },
  { Authorization: `Bearer ${'A'.repeat(8000)}` },
  { Authorization: `Basic ${Buffer.from('admin@test.local:test-admin-password-1').toString('base64')}` },
  { Authorization: `Bearer ${UNSIGNED}` },
  { Authorization: `Bearer ${WRONG_KEY}.${createHmac('sha256', 'not-the-key').update(WRONG_KEY).digest('base64url')}` },
  { Authorization: 'Bearer null' },
  { Authorization: 'Bearer ' },
];

// -------------------------------------------------------------------------------------------
// Valid bodies the single-field cases start from
// -------------------------------------------------------------------------------------------

const REGISTRATION = {
  name: 'Abuse Mobility',
  creditCode: uniqueCreditCode(),
  jurisdictionCode: 'CN-SZ-PINGSHAN',
  contact: { name: 'Contact', phone: '13800138000', email: 'contact@abuse.test' },
  admin: { email: 'admin-new@abuse.test', displayName: 'Admin', password: PASSWORD },
};
const VEHICLE = {
  vin: uniqueVin(),
  plate: '粤B12345D',
  category: 'PASSENGER_CAR',
  automationLevel: 'L4',
  seats: 5,
  configuration: CONFIGURATION,
};
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [114.3, 22.6],
      [114.4, 22.6],
      [114.4, 22.7],
      [114.3, 22.7],
      [114.3, 22.6],
    ],
  ],
};
const ZONE = { code: 'ABUSE-ZONE', name: 'Abuse zone', kind: 'AREA', geometry: SQUARE };
const APPLICATION = {
  kind: 'ROAD_TEST',
  vehicleIds: [ref('vehicle')],
  operatorIds: [ref('operator')],
  zoneIds: [ref('zone')],
  requestedFrom: inDays(10),
  requestedTo: inDays(100),
  conditions: NO_CONDITIONS,
};
const DOCUMENT = {
  type: BASE_DOCUMENTS[0].type,
  fileName: 'insurance.pdf',
  mediaType: 'application/pdf',
  contentBase64: Buffer.from('%PDF abuse').toString('base64'),
};
const INCIDENT = {
  vehicleId: ref('vehicle'),
  kind: 'COLLISION',
  occurredAt: iso(-HOUR),
  lat: 22.7,
  lon: 114.355,
  narrative: 'A bollard was touched at walking pace.',
};
const TRIP = {
  externalRef: 'ABUSE-TRIP-1',
  vehicleId: ref('vehicle'),
  startedAt: iso(-2 * HOUR),
  endedAt: iso(-HOUR),
  passengers: 2,
  cargoTonnes: 0,
  fareCny: 31.5,
};
const RECOGNITION = {
  vehicleId: ref('vehicle'),
  sourceJurisdiction: 'CN-GD-GUANGZHOU',
  sourcePermitNumber: 'GZ-RT-2025-000001',
  autonomousKm: 1500,
  autonomousHours: 300,
};
/** The current month in China time: the newest period a report can cover. */
export const CHINA_MONTH = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);
const TIME_RANGE = { from: iso(-24 * HOUR), to: iso(0) };
const DAYS = { from: inDays(-7), to: inDays(0) };
const VALID_POINT = eastboundTrack({ count: 1, firstSeq: 1_000_000 })[0];

// -------------------------------------------------------------------------------------------
// Every operation, with a caller it admits and what it reads
// -------------------------------------------------------------------------------------------

const id = (name: FixtureName) => ({ id: ref(name) });

export const ROUTES: Route[] = [
  { operation: 'GET /health', caller: 'anonymous', body: 'none' },
  { operation: 'GET /health/ready', caller: 'anonymous', body: 'none' },
  {
    operation: 'POST /v1/auth/login',
    caller: 'anonymous',
    body: 'dto',
    valid: { email: 'nobody@abuse.test', password: 'not-the-password' },
  },
  { operation: 'POST /v1/auth/refresh', caller: 'anonymous', body: 'dto', valid: { refreshToken: 'x'.repeat(40) } },
  {
    operation: 'POST /v1/auth/logout',
    caller: 'enterpriseOperator',
    body: 'dto',
    valid: { refreshToken: ref('refreshToken') },
  },
  { operation: 'GET /v1/auth/me', caller: 'enterpriseOperator', body: 'none' },
  {
    operation: 'POST /v1/auth/invitations/accept',
    caller: 'anonymous',
    body: 'dto',
    valid: { token: 'x'.repeat(43), password: PASSWORD },
  },
  { operation: 'POST /v1/enterprises', caller: 'anonymous', body: 'dto', valid: REGISTRATION },
  { operation: 'GET /v1/enterprises', caller: 'regulator', body: 'none' },
  { operation: 'GET /v1/enterprises/{id}', caller: 'regulator', params: id('enterprise'), body: 'none' },
  {
    operation: 'POST /v1/enterprises/{id}/verify',
    caller: 'regulator',
    params: id('pendingEnterprise'),
    body: 'dto',
    valid: { note: 'documents checked' },
  },
  {
    operation: 'POST /v1/enterprises/{id}/reject',
    caller: 'regulator',
    params: id('pendingEnterprise'),
    body: 'dto',
    valid: { reason: 'credit code does not match the licence' },
  },
  {
    operation: 'POST /v1/enterprises/{id}/invitations',
    caller: 'enterpriseAdmin',
    params: id('enterprise'),
    body: 'dto',
    valid: { email: 'colleague@abuse.test', displayName: 'Colleague', role: 'ENTERPRISE_OPERATOR' },
  },
  { operation: 'GET /v1/enterprises/{id}/users', caller: 'enterpriseAdmin', params: id('enterprise'), body: 'none' },
  {
    operation: 'POST /v1/staff/invitations',
    caller: 'platformAdmin',
    body: 'dto',
    valid: { email: 'staff@abuse.test', displayName: 'Staff', role: 'AUDITOR', jurisdictionCode: 'CN-SZ-PINGSHAN' },
  },
  { operation: 'POST /v1/safety-operators', caller: 'enterpriseAdmin', body: 'dto', valid: validSafetyOperator() },
  { operation: 'GET /v1/safety-operators', caller: 'enterpriseAdmin', body: 'none' },
  { operation: 'GET /v1/safety-operators/{id}', caller: 'enterpriseAdmin', params: id('operator'), body: 'none' },
  {
    operation: 'PATCH /v1/safety-operators/{id}',
    caller: 'enterpriseAdmin',
    params: id('operator'),
    body: 'dto',
    valid: { adTrainingHours: 80, trainingCertificateRef: 'TRAIN-2026-002' },
  },
  { operation: 'GET /v1/jurisdictions', caller: 'anonymous', body: 'none' },
  { operation: 'GET /v1/audit', caller: 'auditor', body: 'none', queryDto: true },
  { operation: 'GET /v1/audit/verify', caller: 'auditor', body: 'none' },
  { operation: 'POST /v1/audit/checkpoints', caller: 'auditor', body: 'none' },
  { operation: 'GET /v1/audit/checkpoints/{id}', caller: 'auditor', params: id('checkpoint'), body: 'none' },
  { operation: 'POST /v1/vehicles', caller: 'enterpriseAdmin', body: 'dto', valid: VEHICLE },
  { operation: 'GET /v1/vehicles', caller: 'enterpriseAdmin', body: 'none' },
  { operation: 'GET /v1/vehicles/{id}', caller: 'enterpriseAdmin', params: id('vehicle'), body: 'none' },
  {
    operation: 'GET /v1/vehicles/{id}/configurations',
    caller: 'enterpriseAdmin',
    params: id('vehicle'),
    body: 'none',
  },
  {
    operation: 'POST /v1/vehicles/{id}/configurations',
    caller: 'enterpriseAdmin',
    params: id('vehicle'),
    body: 'dto',
    valid: { ...CONFIGURATION, adsSoftwareVersion: '4.3.0' },
  },
  {
    operation: 'GET /v1/vehicles/{id}/closed-field-tests',
    caller: 'enterpriseAdmin',
    params: id('vehicle'),
    body: 'none',
  },
  {
    operation: 'POST /v1/vehicles/{id}/closed-field-tests',
    caller: 'enterpriseAdmin',
    params: id('vehicle'),
    body: 'dto',
    valid: { km: 120.5, site: 'Closed field', testedOn: inDays(-3), reportRef: 'CFT-ABUSE' },
  },
  { operation: 'POST /v1/vehicles/{id}/credentials', caller: 'enterpriseAdmin', params: id('vehicle'), body: 'none' },
  { operation: 'GET /v1/vehicles/{id}/credentials', caller: 'enterpriseAdmin', params: id('vehicle'), body: 'none' },
  {
    operation: 'DELETE /v1/vehicles/{id}/credentials/{credentialId}',
    caller: 'enterpriseAdmin',
    params: { id: ref('vehicle'), credentialId: ref('credential') },
    body: 'none',
  },
  { operation: 'GET /v1/vehicles/{id}/position', caller: 'regulator', params: id('vehicle'), body: 'none' },
  {
    operation: 'GET /v1/vehicles/{id}/track',
    caller: 'regulator',
    params: id('vehicle'),
    body: 'none',
    queryDto: true,
    validQuery: TIME_RANGE,
  },
  {
    operation: 'GET /v1/vehicles/{id}/stats',
    caller: 'regulator',
    params: id('vehicle'),
    body: 'none',
    queryDto: true,
    validQuery: DAYS,
  },
  { operation: 'POST /v1/zones', caller: 'regulator', body: 'dto', valid: ZONE },
  { operation: 'GET /v1/zones', caller: 'enterpriseOperator', body: 'none', queryDto: true },
  { operation: 'GET /v1/zones/{id}', caller: 'enterpriseOperator', params: id('zone'), body: 'none' },
  {
    operation: 'PATCH /v1/zones/{id}',
    caller: 'regulator',
    params: id('zone'),
    body: 'dto',
    valid: { name: 'Renamed district' },
  },
  { operation: 'POST /v1/telemetry', caller: 'vehicle', body: 'protocol', valid: { points: [VALID_POINT] } },
  { operation: 'GET /v1/telemetry/watermark', caller: 'vehicle', body: 'none' },
  { operation: 'GET /v1/fleet/summary', caller: 'auditor', body: 'none' },
  { operation: 'POST /v1/applications', caller: 'enterpriseAdmin', body: 'dto', valid: APPLICATION },
  { operation: 'GET /v1/applications', caller: 'regulator', body: 'none', queryDto: true },
  {
    operation: 'GET /v1/applications/{id}',
    caller: 'enterpriseOperator',
    params: id('draftApplication'),
    body: 'none',
  },
  {
    operation: 'PATCH /v1/applications/{id}',
    caller: 'enterpriseAdmin',
    params: id('draftApplication'),
    body: 'dto',
    valid: { requestedTo: inDays(120) },
  },
  {
    operation: 'POST /v1/applications/{id}/documents',
    caller: 'enterpriseAdmin',
    params: id('draftApplication'),
    body: 'dto',
    valid: DOCUMENT,
  },
  {
    operation: 'GET /v1/applications/{id}/documents',
    caller: 'regulator',
    params: id('draftApplication'),
    body: 'none',
  },
  {
    operation: 'GET /v1/applications/{id}/documents/{documentId}/content',
    caller: 'enterpriseAdmin',
    params: { id: ref('draftApplication'), documentId: ref('document') },
    body: 'none',
  },
  {
    operation: 'POST /v1/applications/{id}/submit',
    caller: 'enterpriseAdmin',
    params: id('draftApplication'),
    body: 'none',
  },
  {
    operation: 'POST /v1/applications/{id}/withdraw',
    caller: 'enterpriseAdmin',
    params: id('draftApplication'),
    body: 'none',
  },
  {
    operation: 'GET /v1/applications/{id}/eligibility',
    caller: 'auditor',
    params: id('reviewedApplication'),
    body: 'none',
  },
  {
    operation: 'POST /v1/applications/{id}/review',
    caller: 'regulator',
    params: id('reviewedApplication'),
    body: 'none',
  },
  {
    operation: 'POST /v1/applications/{id}/request-changes',
    caller: 'regulator',
    params: id('reviewedApplication'),
    body: 'dto',
    valid: { reason: 'The insurance certificate has expired.' },
  },
  {
    operation: 'POST /v1/applications/{id}/reject',
    caller: 'regulator',
    params: id('reviewedApplication'),
    body: 'dto',
    valid: { reason: 'The vehicle has no closed-field evidence.' },
  },
  {
    operation: 'POST /v1/applications/{id}/approve',
    caller: 'regulator',
    params: id('reviewedApplication'),
    body: 'dto',
    valid: { overrideReason: 'accepted on the closed-field record' },
  },
  { operation: 'GET /v1/permits', caller: 'enterpriseAdmin', body: 'none', queryDto: true },
  { operation: 'GET /v1/permits/{id}', caller: 'regulator', params: id('permit'), body: 'none' },
  {
    operation: 'POST /v1/permits/{id}/suspend',
    caller: 'regulator',
    params: id('permit'),
    body: 'dto',
    valid: { reason: 'Investigation of an incident.' },
  },
  {
    operation: 'POST /v1/permits/{id}/reinstate',
    caller: 'regulator',
    params: id('permit'),
    body: 'dto',
    valid: { reason: 'Investigation closed.' },
  },
  {
    operation: 'POST /v1/permits/{id}/revoke',
    caller: 'regulator',
    params: id('permit'),
    body: 'dto',
    valid: { reason: 'Repeated violations.' },
  },
  { operation: 'POST /v1/recognitions', caller: 'regulator', body: 'dto', valid: RECOGNITION },
  { operation: 'GET /v1/public/permits', caller: 'anonymous', body: 'none', queryDto: true },
  { operation: 'POST /v1/incidents', caller: 'enterpriseAdmin', body: 'dto', valid: INCIDENT },
  { operation: 'GET /v1/incidents', caller: 'regulator', body: 'none', queryDto: true },
  {
    operation: 'GET /v1/incidents/nearby',
    caller: 'regulator',
    body: 'none',
    queryDto: true,
    validQuery: { lat: 22.7, lon: 114.355, radiusM: 100, ...TIME_RANGE },
  },
  { operation: 'GET /v1/incidents/{id}', caller: 'enterpriseOperator', params: id('incident'), body: 'none' },
  {
    operation: 'PATCH /v1/incidents/{id}',
    caller: 'enterpriseAdmin',
    params: id('incident'),
    body: 'dto',
    valid: { minorInjuries: 1, reason: 'Hospital report received.' },
  },
  { operation: 'GET /v1/incidents/{id}/versions', caller: 'regulator', params: id('incident'), body: 'none' },
  { operation: 'GET /v1/incidents/{id}/telemetry', caller: 'regulator', params: id('incident'), body: 'none' },
  {
    operation: 'POST /v1/incidents/{id}/analysis-request',
    caller: 'regulator',
    params: id('incident'),
    body: 'dto',
    valid: { dueAt: iso(7 * 24 * HOUR), note: 'Explain the contact.' },
  },
  {
    operation: 'POST /v1/incidents/{id}/analysis-report',
    caller: 'enterpriseAdmin',
    params: id('incident'),
    body: 'dto',
    valid: { documentRef: 'doc-1', summary: 'Planner braked late.' },
  },
  { operation: 'POST /v1/incidents/{id}/suspend-permits', caller: 'regulator', params: id('incident'), body: 'none' },
  {
    operation: 'GET /v1/takeovers',
    caller: 'enterpriseAdmin',
    body: 'none',
    queryDto: true,
    validQuery: TIME_RANGE,
  },
  {
    operation: 'PATCH /v1/takeovers/{vehicleId}/{seq}',
    caller: 'enterpriseAdmin',
    params: { vehicleId: ref('vehicle'), seq: ref('takeoverSeq') },
    body: 'dto',
    valid: { initiatedBy: 'SAFETY_OPERATOR', cause: 'Construction zone ahead', locationType: 'STRAIGHT_ROAD' },
  },
  { operation: 'GET /v1/disengagements', caller: 'regulator', body: 'none', queryDto: true, validQuery: DAYS },
  {
    operation: 'POST /v1/operations/trips',
    caller: 'enterpriseAdmin',
    body: 'dto',
    valid: { permitId: ref('permit'), trips: [TRIP] },
  },
  {
    operation: 'GET /v1/operations/totals',
    caller: 'regulator',
    body: 'none',
    queryDto: true,
    validQuery: TIME_RANGE,
  },
  { operation: 'GET /v1/alerts', caller: 'regulator', body: 'none', queryDto: true },
  { operation: 'GET /v1/alerts/stream', caller: 'regulator', body: 'none' },
  { operation: 'GET /v1/alerts/{id}', caller: 'enterpriseAdmin', params: id('alert'), body: 'none' },
  {
    operation: 'POST /v1/alerts/{id}/acknowledge',
    caller: 'enterpriseAdmin',
    params: id('alert'),
    body: 'dto',
    valid: { note: 'looking into it' },
  },
  {
    operation: 'POST /v1/alerts/{id}/resolve',
    caller: 'regulator',
    params: id('alert'),
    body: 'dto',
    valid: { note: 'permit application filed' },
  },
  { operation: 'GET /v1/reports', caller: 'regulator', body: 'none', queryDto: true },
  {
    operation: 'POST /v1/reports/generate',
    caller: 'regulator',
    body: 'dto',
    valid: { kind: 'PERMIT_MONTHLY', period: CHINA_MONTH, permitId: ref('permit') },
  },
  { operation: 'GET /v1/reports/{id}', caller: 'regulator', params: id('report'), body: 'none', queryDto: true },
  {
    operation: 'POST /v1/roadside-devices/heartbeat',
    caller: 'device',
    body: 'dto',
    valid: { firmwareVersion: 'rsu-2.4.1', uptimeSeconds: 3600 },
  },
  {
    operation: 'POST /v1/roadside-devices',
    caller: 'regulator',
    body: 'dto',
    valid: { kind: 'CAMERA', serial: 'ABUSE-CAM-1', zoneId: ref('zone') },
  },
  { operation: 'GET /v1/roadside-devices', caller: 'auditor', body: 'none', queryDto: true },
  { operation: 'GET /v1/roadside-devices/{id}', caller: 'auditor', params: id('device'), body: 'none' },
  {
    operation: 'PATCH /v1/roadside-devices/{id}',
    caller: 'regulator',
    params: id('device'),
    body: 'dto',
    valid: { description: 'pole 14, north side' },
  },
  { operation: 'POST /v1/roadside-devices/{id}/token', caller: 'regulator', params: id('device'), body: 'none' },
  {
    operation: 'POST /v1/roadside-devices/{id}/decommission',
    caller: 'regulator',
    params: id('device'),
    body: 'dto',
    valid: { reason: 'replaced' },
  },
  {
    operation: 'POST /v1/webhooks',
    caller: 'enterpriseAdmin',
    body: 'dto',
    valid: { url: 'https://hooks.abuse.test/av', events: ['alert.opened'] },
  },
  { operation: 'GET /v1/webhooks', caller: 'enterpriseAdmin', body: 'none' },
  { operation: 'GET /v1/webhooks/{id}', caller: 'auditor', params: id('webhook'), body: 'none' },
  {
    operation: 'PATCH /v1/webhooks/{id}',
    caller: 'enterpriseAdmin',
    params: id('webhook'),
    body: 'dto',
    valid: { description: 'night shift pager' },
  },
  { operation: 'DELETE /v1/webhooks/{id}', caller: 'enterpriseAdmin', params: id('webhook'), body: 'none' },
  {
    operation: 'POST /v1/webhooks/{id}/rotate-secret',
    caller: 'enterpriseAdmin',
    params: id('webhook'),
    body: 'none',
  },
  {
    operation: 'GET /v1/webhooks/{id}/deliveries',
    caller: 'enterpriseAdmin',
    params: id('webhook'),
    body: 'none',
    queryDto: true,
  },
  { operation: 'GET /v1/stats', caller: 'regulator', body: 'none', queryDto: true },
];

const route = (operation: string): Route => {
  const found = ROUTES.find((r) => r.operation === operation);
  if (!found) throw new Error(`no route ${operation}`);
  return found;
};

// -------------------------------------------------------------------------------------------
// Cases every route gets, generated from the route list
// -------------------------------------------------------------------------------------------

function generated(): AbuseCase[] {
  const cases: AbuseCase[] = [];
  ROUTES.forEach((r, i) => {
    const base = { operation: r.operation, caller: r.caller, params: r.params, query: r.validQuery, body: r.valid };
    const malformed = MALFORMED[i % MALFORMED.length];
    cases.push({ ...base, name: `malformed JSON body ${malformed.slice(0, 30)}`, raw: malformed, status: 400 });

    // Every route that reads a body; a third of the others, since the parser refuses them alike.
    if (r.body !== 'none' || i % 3 === 0) {
      cases.push({
        ...base,
        name: `invalid UTF-8 (${BAD_UTF8[i % BAD_UTF8.length].toString('hex')}) inside a string`,
        ...withBadUtf8(r.valid, BAD_UTF8[i % BAD_UTF8.length]),
        status: 400,
      });
      cases.push({ ...base, name: `${DEPTH} levels of nesting`, raw: DEEP[i % DEEP.length], status: 400 });
    }
    if (r.body === 'dto') {
      cases.push({
        ...base,
        name: 'an unknown field',
        body: { ...r.valid, isAdmin: true },
        status: 400,
        field: 'isAdmin',
      });
      cases.push({ ...base, name: 'a JSON array instead of an object', body: [r.valid], status: 400 });
    }
    if (r.queryDto) {
      cases.push({
        ...base,
        name: 'an unknown query parameter',
        query: { ...r.validQuery, role: 'PLATFORM_ADMIN' },
        status: 400,
        field: 'role',
      });
    }

    const uuidParams = Object.keys(r.params ?? {}).filter((name) => name !== 'seq');
    uuidParams.forEach((name, j) => {
      const hostile = NOT_UUIDS[(i + j) % NOT_UUIDS.length];
      const label = typeof hostile === 'string' ? hostile.slice(0, 30) : JSON.stringify(hostile);
      cases.push({
        ...base,
        name: `${name} is not a UUID: ${label}`,
        params: { ...r.params, [name]: hostile },
        status: 400,
      });
      cases.push({ ...base, name: `${name} is nobody's`, params: { ...r.params, [name]: UNKNOWN_ID }, status: 404 });
    });

    if (r.caller !== 'anonymous') {
      const headers = HOSTILE_AUTHORIZATIONS[i % HOSTILE_AUTHORIZATIONS.length];
      const label = headers.Authorization ? headers.Authorization.slice(0, 40) : 'no Authorization';
      cases.push({ ...base, name: `credentials: ${label}`, caller: 'anonymous', headers, status: 401 });
      // The other kinds of token: a vehicle's on a person's route, a person's on a vehicle's.
      cases.push({
        ...base,
        name: 'a token of another kind',
        caller: r.caller === 'vehicle' || r.caller === 'device' ? 'enterpriseAdmin' : i % 2 ? 'vehicle' : 'device',
        status: 401,
      });
    }
  });
  return cases;
}

// -------------------------------------------------------------------------------------------
// Cases written for each route's own fields
// -------------------------------------------------------------------------------------------

type Shorthand = [name: string, input: Partial<AbuseCase>, status: number, field?: string];

/** Cases for one route: `change` merges fields into its valid body, `literal` writes one raw. */
function on(operation: string, rows: Shorthand[]): AbuseCase[] {
  const r = route(operation);
  return rows.map(([name, input, status, field]) => ({
    operation,
    caller: r.caller,
    params: r.params,
    query: r.validQuery,
    body: r.valid,
    name,
    ...input,
    status,
    field,
  }));
}
const change = (operation: string, fields: Record<string, unknown>): Partial<AbuseCase> => ({
  body: { ...route(operation).valid, ...fields },
});
const without = (operation: string, field: string): Partial<AbuseCase> => {
  const body = { ...route(operation).valid };
  delete body[field];
  return { body };
};
const literal = (operation: string, field: string, text: string): Partial<AbuseCase> => ({
  body: { ...route(operation).valid, [field]: '@literal' },
  literals: { '@literal': text },
});
const nested = (operation: string, parent: string, fields: Record<string, unknown>): Partial<AbuseCase> => {
  const valid = route(operation).valid!;
  return { body: { ...valid, [parent]: { ...(valid[parent] as object), ...fields } } };
};
const withQuery = (operation: string, fields: Record<string, unknown>): Partial<AbuseCase> => ({
  query: { ...route(operation).validQuery, ...fields },
});
const oversize = (limitBytes: number): Partial<AbuseCase> => ({
  raw: JSON.stringify({ pad: 'x'.repeat(limitBytes) }),
});

function specific(limitBytes: number): AbuseCase[] {
  const L = 'POST /v1/auth/login';
  const ENT = 'POST /v1/enterprises';
  const OP = 'POST /v1/safety-operators';
  const VEH = 'POST /v1/vehicles';
  const CFT = 'POST /v1/vehicles/{id}/closed-field-tests';
  const ZN = 'POST /v1/zones';
  const APP = 'POST /v1/applications';
  const DOC = 'POST /v1/applications/{id}/documents';
  const APPROVE = 'POST /v1/applications/{id}/approve';
  const REC = 'POST /v1/recognitions';
  const INC = 'POST /v1/incidents';
  const NEAR = 'GET /v1/incidents/nearby';
  const TRACK = 'GET /v1/vehicles/{id}/track';
  const TRIPS = 'POST /v1/operations/trips';
  const HB = 'POST /v1/roadside-devices/heartbeat';
  const RSU = 'POST /v1/roadside-devices';
  const WH = 'POST /v1/webhooks';
  const TEL = 'POST /v1/telemetry';
  const ring = SQUARE.coordinates[0];
  const geometry = (coordinates: unknown, type = 'Polygon') => change(ZN, { geometry: { type, coordinates } });

  return [
    ...on(L, [
      ['SQL injection in the e-mail', change(L, { email: `admin@test.local${SQL}` }), 400, 'email'],
      ['an operator object as the e-mail (NoSQL injection)', change(L, { email: { $ne: null } }), 400, 'email'],
      ['the e-mail as an array', change(L, { email: ['admin@test.local'] }), 400, 'email'],
      ['a 300-character e-mail', change(L, { email: `${'x'.repeat(300)}@abuse.test` }), 400, 'email'],
      ['the password as a number', change(L, { password: 12345678 }), 400, 'password'],
      ['a 10,000-character password', change(L, { password: 'x'.repeat(10_000) }), 400, 'password'],
      ['no password', without(L, 'password'), 400, 'password'],
      ['a body over the size limit', oversize(limitBytes), 413],
      [
        'a charset other than UTF-8',
        { body: route(L).valid, headers: { 'Content-Type': 'application/json; charset=latin1' } },
        415,
      ],
      ['a compression it does not speak', { body: route(L).valid, headers: { 'Content-Encoding': 'compress' } }, 415],
      ['gzip that is not gzip', { raw: 'not gzip at all', headers: { 'Content-Encoding': 'gzip' } }, 400],
    ]),
    ...on('POST /v1/auth/refresh', [
      ['the token as a number', { body: { refreshToken: 42 } }, 400, 'refreshToken'],
      ['an operator object as the token', { body: { refreshToken: { $gt: '' } } }, 400, 'refreshToken'],
      ['a 201-character token', { body: { refreshToken: 'x'.repeat(201) } }, 400, 'refreshToken'],
      ['SQL injection as the token', { body: { refreshToken: SQL } }, 401],
    ]),
    ...on('POST /v1/auth/logout', [
      ['no token', { body: {} }, 400, 'refreshToken'],
      ['a null token', { body: { refreshToken: null } }, 400, 'refreshToken'],
    ]),
    ...on('POST /v1/auth/invitations/accept', [
      ['SQL injection as the invitation token', { body: { token: SQL, password: PASSWORD } }, 401],
      ['a short password', { body: { token: 'x'.repeat(43), password: 'short' } }, 400, 'password'],
      ['the token as an array', { body: { token: ['x'], password: PASSWORD } }, 400, 'token'],
    ]),
    ...on(ENT, [
      ['a credit code with a wrong check character', change(ENT, { creditCode: BAD_CREDIT_CODE }), 400, 'creditCode'],
      ['script injection as the credit code', change(ENT, { creditCode: SCRIPT }), 400, 'creditCode'],
      [
        'SQL injection as the jurisdiction',
        change(ENT, { jurisdictionCode: `CN-SZ-PINGSHAN${SQL}` }),
        400,
        'jurisdictionCode',
      ],
      [
        'script injection as the phone',
        nested(ENT, 'contact', { phone: '<img src=x onerror=alert(1)>' }),
        400,
        'contact.phone',
      ],
      ['a short admin password', nested(ENT, 'admin', { password: 'short' }), 400, 'admin.password'],
      ['the contact as a string', change(ENT, { contact: 'call me' }), 400, 'contact'],
      ['no contact', without(ENT, 'contact'), 400, 'contact'],
      ['a 201-character name', change(ENT, { name: 'x'.repeat(201) }), 400, 'name'],
    ]),
    ...on('POST /v1/enterprises/{id}/verify', [
      ['the note as a number', { body: { note: 42 } }, 400, 'note'],
      ['a 2001-character note', { body: { note: 'x'.repeat(2001) } }, 400, 'note'],
    ]),
    ...on('POST /v1/enterprises/{id}/reject', [
      ['no reason', { body: {} }, 400, 'reason'],
      ['a reason of spaces only', { body: { reason: '    ' } }, 400, 'reason'],
    ]),
    ...on('POST /v1/enterprises/{id}/invitations', [
      [
        'inviting a platform admin',
        change('POST /v1/enterprises/{id}/invitations', { role: 'PLATFORM_ADMIN' }),
        400,
        'role',
      ],
      ['inviting a regulator', change('POST /v1/enterprises/{id}/invitations', { role: 'REGULATOR' }), 400, 'role'],
      [
        'script injection as the e-mail',
        change('POST /v1/enterprises/{id}/invitations', { email: SCRIPT }),
        400,
        'email',
      ],
      ['into another enterprise', { params: id('pendingEnterprise') }, 404],
    ]),
    ...on('GET /v1/enterprises/{id}/users', [['of another enterprise', { params: id('pendingEnterprise') }, 404]]),
    ...on('POST /v1/staff/invitations', [
      ['an enterprise role', change('POST /v1/staff/invitations', { role: 'ENTERPRISE_ADMIN' }), 400, 'role'],
      [
        'an unknown jurisdiction',
        change('POST /v1/staff/invitations', { jurisdictionCode: 'XX-NOWHERE' }),
        400,
        'jurisdictionCode',
      ],
      ['SQL injection in the e-mail', change('POST /v1/staff/invitations', { email: `a@b.c${SQL}` }), 400, 'email'],
    ]),
    ...on(OP, [
      [
        'an identity number with a wrong check character',
        change(OP, { identityNumber: BAD_IDENTITY_NUMBER }),
        400,
        'identityNumber',
      ],
      ['a first licence in the future', change(OP, { firstLicensedOn: '2999-01-01' }), 400, 'firstLicensedOn'],
      ['a first licence on 30 February', change(OP, { firstLicensedOn: '2020-02-30' }), 400, 'firstLicensedOn'],
      ['a first licence on 0000-00-00', change(OP, { firstLicensedOn: '0000-00-00' }), 400, 'firstLicensedOn'],
      ['training hours of 1e309 (Infinity)', literal(OP, 'adTrainingHours', '1e309'), 400, 'adTrainingHours'],
      ['negative training hours', change(OP, { adTrainingHours: -1 }), 400, 'adTrainingHours'],
      ['training hours with two decimals', change(OP, { adTrainingHours: 1.25 }), 400, 'adTrainingHours'],
      ['an unknown licence class', change(OP, { licenceClass: 'Z9' }), 400, 'licenceClass'],
      ['a declaration as the string "true"', change(OP, { noDrinkOrDrugDriving: 'true' }), 400, 'noDrinkOrDrugDriving'],
    ]),
    ...on('PATCH /v1/safety-operators/{id}', [
      ['training hours as a word', { body: { adTrainingHours: 'lots' } }, 400, 'adTrainingHours'],
      ['active as "yes"', { body: { active: 'yes' } }, 400, 'active'],
      ['changing the identity number', { body: { identityNumber: '440310199001010010' } }, 400, 'identityNumber'],
    ]),
    ...on('GET /v1/audit', [
      ['limit 0', { query: { limit: '0' } }, 400, 'limit'],
      ['limit 501', { query: { limit: '501' } }, 400, 'limit'],
      ['limit as a word', { query: { limit: 'ten' } }, 400, 'limit'],
      ['a cursor beyond any bigint', { query: { beforeSeq: '100000000000000000000' } }, 400, 'beforeSeq'],
      ['a negative cursor', { query: { beforeSeq: '-5' } }, 400, 'beforeSeq'],
      ['SQL injection as the actor', { query: { actorId: SQL } }, 400, 'actorId'],
      ['a date that is a word', { query: { from: 'yesterday' } }, 400, 'from'],
      ['a date 271,821 years BC', { query: { from: YEAR_MINUS_271821 } }, 400, 'from'],
      ['SQL injection as the order', { query: { order: 'asc; DROP TABLE audit_entries' } }, 400, 'order'],
      ['a date of invalid UTF-8', { rawQuery: 'from=%FF%FE' }, 400, 'from'],
      ['limit as a NUL byte', { rawQuery: 'limit=%00' }, 400, 'limit'],
      ['a 65-character entity type', { query: { entityType: 'x'.repeat(65) } }, 400, 'entityType'],
    ]),
    ...on('POST /v1/audit/checkpoints', [['by an enterprise admin', { caller: 'enterpriseAdmin' }, 403]]),
    ...on(VEH, [
      [
        'a VIN with a wrong check digit',
        change(VEH, { vin: `${VEHICLE.vin.slice(0, 8)}${VEHICLE.vin[8] === '0' ? '1' : '0'}${VEHICLE.vin.slice(9)}` }),
        400,
        'vin',
      ],
      ['SQL injection as the VIN', change(VEH, { vin: `1HGCM8263${SQL}` }), 400, 'vin'],
      ['1e308 seats', change(VEH, { seats: 1e308 }), 400, 'seats'],
      ['negative seats', change(VEH, { seats: -1 }), 400, 'seats'],
      ['2.5 seats', change(VEH, { seats: 2.5 }), 400, 'seats'],
      ['seats as a string', change(VEH, { seats: '5' }), 400, 'seats'],
      ['an unknown category', change(VEH, { category: 'TANK' }), 400, 'category'],
      ['no sensors', nested(VEH, 'configuration', { sensorSuite: [] }), 400, 'configuration.sensorSuite'],
      [
        '51 sensors',
        nested(VEH, 'configuration', { sensorSuite: Array.from({ length: 51 }, (_, i) => `s${i}`) }),
        400,
        'configuration.sensorSuite',
      ],
      ['an empty make', nested(VEH, 'configuration', { make: '' }), 400, 'configuration.make'],
      ['no configuration', without(VEH, 'configuration'), 400, 'configuration'],
      ['script injection as the plate', change(VEH, { plate: SCRIPT }), 400, 'plate'],
      ['a small-vehicle code with SQL', change(VEH, { vehicleCode: `MT0001${SQL}` }), 400, 'vehicleCode'],
    ]),
    ...on('POST /v1/vehicles/{id}/configurations', [
      [
        'the sensors as a string',
        change('POST /v1/vehicles/{id}/configurations', { sensorSuite: 'lidar' }),
        400,
        'sensorSuite',
      ],
      [
        'sensors as numbers',
        change('POST /v1/vehicles/{id}/configurations', { sensorSuite: [1, 2] }),
        400,
        'sensorSuite',
      ],
      [
        'a 101-character model',
        change('POST /v1/vehicles/{id}/configurations', { model: 'x'.repeat(101) }),
        400,
        'model',
      ],
    ]),
    ...on(CFT, [
      ['1e309 km (Infinity)', literal(CFT, 'km', '1e309'), 400, 'km'],
      ['negative km', change(CFT, { km: -0.1 }), 400, 'km'],
      ['more km than the limit', change(CFT, { km: 10_000_000.1 }), 400, 'km'],
      ['tested in the far future', change(CFT, { testedOn: '2999-12-31' }), 400, 'testedOn'],
      ['tested on 29 February of a common year', change(CFT, { testedOn: '2025-02-29' }), 400, 'testedOn'],
      ['an empty report reference', change(CFT, { reportRef: '' }), 400, 'reportRef'],
    ]),
    ...on('POST /v1/vehicles/{id}/credentials', [['by an enterprise operator', { caller: 'enterpriseOperator' }, 403]]),
    ...on(TRACK, [
      ['no start', { query: { to: TIME_RANGE.to } }, 400, 'from'],
      ['a start that is not a date', withQuery(TRACK, { from: 'last tuesday' }), 400, 'from'],
      ['an end before the start', withQuery(TRACK, { to: iso(-48 * HOUR) }), 400, 'to'],
      ['limit 5001', withQuery(TRACK, { limit: '5001' }), 400, 'limit'],
      ['limit -1', withQuery(TRACK, { limit: '-1' }), 400, 'limit'],
      ['SQL injection in the cursor', withQuery(TRACK, { after: `1_1${SQL}` }), 400, 'after'],
      ['a cursor beyond any bigint', withQuery(TRACK, { after: '99999999999999999999999_1' }), 400, 'after'],
      ['a start 271,821 years BC', withQuery(TRACK, { from: YEAR_MINUS_271821 }), 400, 'from'],
    ]),
    ...on('GET /v1/vehicles/{id}/stats', [
      ['month 13', { query: { from: '2026-13-45', to: DAYS.to } }, 400, 'from'],
      ['no start', { query: { to: DAYS.to } }, 400, 'from'],
      ['a date without padding', { query: { from: '2026-1-1', to: DAYS.to } }, 400, 'from'],
      ['SQL injection as the end', { query: { from: DAYS.from, to: `${DAYS.to}${SQL}` } }, 400, 'to'],
    ]),
    ...on(ZN, [
      ['a code with spaces', change(ZN, { code: 'a b' }), 400, 'code'],
      ['SQL injection as the code', change(ZN, { code: `PS${SQL}` }), 400, 'code'],
      ['an unknown kind', change(ZN, { kind: 'CIRCLE' }), 400, 'kind'],
      ['a Point', change(ZN, { geometry: { type: 'Point', coordinates: [114.3, 22.6] } }), 400, 'geometry'],
      ['positions out of range', geometry([[[200, 95], ...ring.slice(1, 4), [200, 95]]]), 400, 'geometry'],
      ['a ring that does not close', geometry([ring.slice(0, 4)]), 400, 'geometry'],
      ['a ring of three positions', geometry([[ring[0], ring[1], ring[0]]]), 400, 'geometry'],
      ['WKT instead of GeoJSON', change(ZN, { geometry: 'POLYGON((0 0, 1 1, 1 0, 0 0))' }), 400, 'geometry'],
      ['positions as strings', geometry([ring.map(([lon, lat]) => [String(lon), String(lat)])]), 400, 'geometry'],
      [
        'a position of 1e309 (Infinity)',
        {
          body: { ...ZONE, geometry: { type: 'Polygon', coordinates: [[['@inf', 22.6], ...ring.slice(1)]] } },
          literals: INFINITY,
        },
        400,
        'geometry',
      ],
      ['a buffer of 1e309 (Infinity)', literal(ZN, 'bufferMeters', '1e309'), 400, 'bufferMeters'],
      ['a buffer of 0 m', change(ZN, { kind: 'ROUTE', bufferMeters: 0 }), 400, 'bufferMeters'],
      ['21 conditions', change(ZN, { conditions: Array.from({ length: 21 }, (_, i) => `c${i}`) }), 400, 'conditions'],
      ['an unknown coordinate system', change(ZN, { crs: 'EPSG:3857' }), 400, 'crs'],
      ['in another jurisdiction', change(ZN, { jurisdictionCode: 'CN-BJ-YIZHUANG' }), 403],
      [
        '200,000 positions',
        {
          raw: JSON.stringify({
            ...ZONE,
            geometry: { type: 'LineString', coordinates: Array.from({ length: 200_000 }, () => [114.3, 22.6]) },
          }),
        },
        413,
      ],
    ]),
    ...on('GET /v1/zones', [
      [
        'two jurisdictions',
        { query: { jurisdictionCode: ['CN-SZ-PINGSHAN', 'CN-BJ-YIZHUANG'] } },
        400,
        'jurisdictionCode',
      ],
    ]),
    ...on('PATCH /v1/zones/{id}', [
      ['changing the code', { body: { code: 'NEW-CODE' } }, 400, 'code'],
      ['changing the kind', { body: { kind: 'ROUTE' } }, 400, 'kind'],
      ['a geometry that is a string', { body: { geometry: 'everywhere' } }, 400, 'geometry'],
      ['an empty name', { body: { name: '' } }, 400, 'name'],
      ['a negative buffer', { body: { bufferMeters: -5 } }, 400, 'bufferMeters'],
    ]),
    ...on(TEL, [
      ['an array as the body', { body: [VALID_POINT] }, 400, 'body'],
      ['no points', { body: {} }, 400, 'points'],
      ['points as an object', { body: { points: { 0: VALID_POINT } } }, 400, 'points'],
      ['points as a string', { body: { points: 'many' } }, 400, 'points'],
      ['null points', { body: { points: null } }, 400, 'points'],
      ['an unknown top-level field', { body: { points: [VALID_POINT], vehicleId: UNKNOWN_ID } }, 400, 'vehicleId'],
      ['a __proto__ field', { raw: `{"points":[],"__proto__":{"admin":true}}` }, 400, '__proto__'],
      ['1001 points', { body: { points: eastboundTrack({ count: 1001, firstSeq: 2_000_000 }) } }, 400, 'points'],
      ['a body over the size limit', { raw: JSON.stringify({ points: [], pad: 'x'.repeat(limitBytes) }) }, 413],
      [
        'a body that is not JSON',
        { raw: JSON.stringify({ points: [VALID_POINT] }), headers: { 'Content-Type': 'text/plain' } },
        400,
        'body',
      ],
      [
        'a charset other than UTF-8',
        { body: { points: [VALID_POINT] }, headers: { 'Content-Type': 'application/json; charset=utf-16' } },
        400,
      ],
      [
        'invalid UTF-8 inside a point',
        {
          body: { points: [{ ...VALID_POINT, mode: '@bad' }] },
          literals: { '@bad': badString('AUTONOMOUS', BAD_UTF8[4]) },
        },
        400,
      ],
    ]),
    ...on('GET /v1/telemetry/watermark', [['a roadside device token', { caller: 'device' }, 401]]),
    ...on(APP, [
      ['an unknown kind', change(APP, { kind: 'SPACE_LAUNCH' }), 400, 'kind'],
      ['no vehicles', change(APP, { vehicleIds: [] }), 400, 'vehicleIds'],
      ['a vehicle id that is SQL', change(APP, { vehicleIds: [SQL] }), 400, 'vehicleIds'],
      ['501 vehicles', change(APP, { vehicleIds: Array.from({ length: 501 }, () => UNKNOWN_ID) }), 400, 'vehicleIds'],
      ['someone else’s vehicle', change(APP, { vehicleIds: [UNKNOWN_ID] }), 400, 'vehicleIds'],
      ['a start on 30 February', change(APP, { requestedFrom: '2027-02-30' }), 400, 'requestedFrom'],
      ['a start in year 0', change(APP, { requestedFrom: '0000-01-01' }), 400, 'requestedFrom'],
      ['a two-digit year', change(APP, { requestedFrom: '27-01-01' }), 400, 'requestedFrom'],
      ['an end before the start', change(APP, { requestedTo: inDays(5) }), 400, 'requestedTo'],
      ['an unknown scene', nested(APP, 'conditions', { scenes: ['MOON'] }), 400, 'conditions.scenes'],
      ['no conditions', without(APP, 'conditions'), 400, 'conditions'],
      ['a permit id that is not a UUID', change(APP, { addsToPermitId: 'PS-RT-2026-000001' }), 400, 'addsToPermitId'],
    ]),
    ...on('GET /v1/applications', [
      ['SQL injection as the status', { query: { status: `APPROVED${SQL}` } }, 400, 'status'],
    ]),
    ...on('PATCH /v1/applications/{id}', [
      ['changing the kind', { body: { kind: 'MANNED_PILOT' } }, 400, 'kind'],
      ['a start that is a word', { body: { requestedFrom: 'tomorrow' } }, 400, 'requestedFrom'],
      ['the vehicles as a string', { body: { vehicleIds: 'all' } }, 400, 'vehicleIds'],
      ['a null operator', { body: { operatorIds: [null] } }, 400, 'operatorIds'],
    ]),
    ...on(DOC, [
      ['an unknown document type', change(DOC, { type: 'PASSPORT' }), 400, 'type'],
      ['content that is not base64', change(DOC, { contentBase64: 'not base64!!' }), 400, 'contentBase64'],
      ['script injection in the media type', change(DOC, { mediaType: `application/pdf;${SCRIPT}` }), 400, 'mediaType'],
      ['an empty file name', change(DOC, { fileName: '' }), 400, 'fileName'],
      ['an amount over 10^12', change(DOC, { amountCny: 1e13 }), 400, 'amountCny'],
      ['an amount with three decimals', change(DOC, { amountCny: 0.001 }), 400, 'amountCny'],
      ['valid until month 13', change(DOC, { validUntil: '2027-13-01' }), 400, 'validUntil'],
      ['a vehicle id that is not a UUID', change(DOC, { vehicleId: 'car-1' }), 400, 'vehicleId'],
      ['a file over the size limit', change(DOC, { contentBase64: Buffer.alloc(limitBytes).toString('base64') }), 413],
    ]),
    ...on('GET /v1/applications/{id}/documents/{documentId}/content', [
      [
        'a document of another application',
        { params: { id: ref('reviewedApplication'), documentId: ref('document') } },
        404,
      ],
    ]),
    ...on('POST /v1/applications/{id}/submit', [
      ['an application already under review', { params: id('reviewedApplication') }, 409],
    ]),
    ...on('POST /v1/applications/{id}/review', [['a draft', { params: id('draftApplication') }, 409]]),
    ...on('POST /v1/applications/{id}/request-changes', [
      ['an empty reason', { body: { reason: '' } }, 400, 'reason'],
      ['a 2001-character reason', { body: { reason: 'x'.repeat(2001) } }, 400, 'reason'],
      ['the reason as a number', { body: { reason: 42 } }, 400, 'reason'],
    ]),
    ...on('POST /v1/applications/{id}/reject', [
      ['no reason', { body: {} }, 400, 'reason'],
      ['the reason as an array', { body: { reason: ['no'] } }, 400, 'reason'],
    ]),
    ...on(APPROVE, [
      ['an override reason under 10 characters', change(APPROVE, { overrideReason: 'because' }), 400, 'overrideReason'],
      [
        'a time window at 25:00',
        change(APPROVE, { timeWindows: [{ from: '25:00', to: '26:00' }] }),
        400,
        'timeWindows.0.from',
      ],
      [
        'eleven time windows',
        change(APPROVE, { timeWindows: Array.from({ length: 11 }, () => ({ from: '08:00', to: '09:00' })) }),
        400,
        'timeWindows',
      ],
      ['time windows as a string', change(APPROVE, { timeWindows: 'all day' }), 400, 'timeWindows'],
      ['failing rules without an override reason', { body: {} }, 409],
      ['a draft', { params: id('draftApplication') }, 409],
    ]),
    ...on('GET /v1/permits', [['an unknown status', { query: { status: 'ACTIVE OR 1=1' } }, 400, 'status']]),
    ...on('POST /v1/permits/{id}/suspend', [
      ['an empty reason', { body: { reason: '' } }, 400, 'reason'],
      ['an operator object as the reason', { body: { reason: { $ne: 1 } } }, 400, 'reason'],
    ]),
    ...on('POST /v1/permits/{id}/reinstate', [
      ['a permit that is not suspended', {}, 409],
      ['a 2001-character reason', { body: { reason: 'x'.repeat(2001) } }, 400, 'reason'],
    ]),
    ...on('POST /v1/permits/{id}/revoke', [['no reason', { body: {} }, 400, 'reason']]),
    ...on(REC, [
      ['a vehicle id that is not a UUID', change(REC, { vehicleId: 'car-1' }), 400, 'vehicleId'],
      ['1e309 km (Infinity)', literal(REC, 'autonomousKm', '1e309'), 400, 'autonomousKm'],
      ['more km than the limit', change(REC, { autonomousKm: 10_000_001 }), 400, 'autonomousKm'],
      ['negative hours', change(REC, { autonomousHours: -1 }), 400, 'autonomousHours'],
      ['km with four decimals', change(REC, { autonomousKm: 1.0001 }), 400, 'autonomousKm'],
      ['nobody’s vehicle', change(REC, { vehicleId: UNKNOWN_ID }), 404],
      ['a one-letter source', change(REC, { sourceJurisdiction: 'x' }), 400, 'sourceJurisdiction'],
    ]),
    ...on('GET /v1/public/permits', [
      ['two jurisdictions', { query: { jurisdictionCode: ['a', 'b'] } }, 400, 'jurisdictionCode'],
    ]),
    ...on(INC, [
      ['latitude 91', change(INC, { lat: 91 }), 400, 'lat'],
      ['longitude -180.0001', change(INC, { lon: -180.0001 }), 400, 'lon'],
      ['latitude 1e309 (Infinity)', literal(INC, 'lat', '1e309'), 400, 'lat'],
      ['latitude -1e309 (-Infinity)', literal(INC, 'lat', '-1e309'), 400, 'lat'],
      ['latitude "NaN"', change(INC, { lat: 'NaN' }), 400, 'lat'],
      ['an hour in the future', change(INC, { occurredAt: iso(HOUR) }), 400, 'occurredAt'],
      ['in the year 9999', change(INC, { occurredAt: '9999-12-31T23:59:59Z' }), 400, 'occurredAt'],
      ['271,821 years BC', change(INC, { occurredAt: YEAR_MINUS_271821 }), 400, 'occurredAt'],
      ['a time that is a word', change(INC, { occurredAt: 'yesterday' }), 400, 'occurredAt'],
      ['1001 fatalities', change(INC, { fatalities: 1001 }), 400, 'fatalities'],
      ['1.5 fatalities', change(INC, { fatalities: 1.5 }), 400, 'fatalities'],
      ['an empty narrative', change(INC, { narrative: '' }), 400, 'narrative'],
      ['an unknown party', change(INC, { parties: [{ kind: 'ALIEN', description: 'grey' }] }), 400, 'parties.0.kind'],
      [
        '101 evidence references',
        change(INC, { evidenceRefs: Array.from({ length: 101 }, (_, i) => `v${i}`) }),
        400,
        'evidenceRefs',
      ],
      ['nobody’s vehicle', change(INC, { vehicleId: UNKNOWN_ID }), 404],
      ['an unknown kind', change(INC, { kind: 'MURDER' }), 400, 'kind'],
      ['a body over the size limit', oversize(limitBytes), 413],
    ]),
    ...on('GET /v1/incidents', [['a vehicle id that is SQL', { query: { vehicleId: SQL } }, 400, 'vehicleId']]),
    ...on(NEAR, [
      ['latitude 91', withQuery(NEAR, { lat: '91' }), 400, 'lat'],
      ['a longitude that is a word', withQuery(NEAR, { lon: 'east' }), 400, 'lon'],
      ['a radius over 5 km', withQuery(NEAR, { radiusM: '5001' }), 400, 'radiusM'],
      ['an infinite radius', withQuery(NEAR, { radiusM: 'Infinity' }), 400, 'radiusM'],
      ['latitude NaN', withQuery(NEAR, { lat: 'NaN' }), 400, 'lat'],
      ['a window of two days', withQuery(NEAR, { from: iso(-48 * HOUR) }), 400],
      ['an end before the start', withQuery(NEAR, { to: iso(-48 * HOUR) }), 400, 'to'],
      ['a start 271,821 years BC', withQuery(NEAR, { from: YEAR_MINUS_271821 }), 400],
    ]),
    ...on('PATCH /v1/incidents/{id}', [
      ['no reason', { body: { minorInjuries: 1 } }, 400, 'reason'],
      ['moving it to another vehicle', change('PATCH /v1/incidents/{id}', { vehicleId: UNKNOWN_ID }), 400, 'vehicleId'],
      ['latitude 100', change('PATCH /v1/incidents/{id}', { lat: 100 }), 400, 'lat'],
      ['a time in the future', change('PATCH /v1/incidents/{id}', { occurredAt: iso(HOUR) }), 400, 'occurredAt'],
    ]),
    ...on('POST /v1/incidents/{id}/analysis-request', [
      ['due in the past', { body: { dueAt: iso(-HOUR) } }, 400, 'dueAt'],
      ['due in two years', { body: { dueAt: iso(730 * 24 * HOUR) } }, 400, 'dueAt'],
      ['due “soon”', { body: { dueAt: 'soon' } }, 400, 'dueAt'],
      ['an empty note', { body: { dueAt: iso(24 * HOUR), note: '' } }, 400, 'note'],
    ]),
    ...on('POST /v1/incidents/{id}/analysis-report', [
      [
        'an empty document reference',
        change('POST /v1/incidents/{id}/analysis-report', { documentRef: '' }),
        400,
        'documentRef',
      ],
      [
        'a 10,001-character summary',
        change('POST /v1/incidents/{id}/analysis-report', { summary: 'x'.repeat(10_001) }),
        400,
        'summary',
      ],
    ]),
    ...on('POST /v1/incidents/{id}/suspend-permits', [['an incident that is not serious', {}, 409]]),
    ...on('GET /v1/takeovers', [
      ['a vehicle id that is not a UUID', withQuery('GET /v1/takeovers', { vehicleId: 'car-1' }), 400, 'vehicleId'],
      ['no start', { query: { to: TIME_RANGE.to } }, 400, 'from'],
    ]),
    ...on('PATCH /v1/takeovers/{vehicleId}/{seq}', [
      [
        'an unknown initiator',
        change('PATCH /v1/takeovers/{vehicleId}/{seq}', { initiatedBy: 'GOD' }),
        400,
        'initiatedBy',
      ],
      ['an empty cause', change('PATCH /v1/takeovers/{vehicleId}/{seq}', { cause: '' }), 400, 'cause'],
      [
        'an unknown location type',
        change('PATCH /v1/takeovers/{vehicleId}/{seq}', { locationType: 'MOON' }),
        400,
        'locationType',
      ],
      ['seq that is a word', { params: { vehicleId: ref('vehicle'), seq: 'abc' } }, 400],
      ['seq 1.5', { params: { vehicleId: ref('vehicle'), seq: '1.5' } }, 400],
      ['seq beyond any bigint', { params: { vehicleId: ref('vehicle'), seq: '99999999999999999999' } }, 404],
      ['seq -1', { params: { vehicleId: ref('vehicle'), seq: '-1' } }, 404],
      ['a seq with no takeover', { params: { vehicleId: ref('vehicle'), seq: '2' } }, 404],
    ]),
    ...on('GET /v1/disengagements', [
      ['month 13', { query: { from: '2026-13-45', to: DAYS.to } }, 400, 'from'],
      ['no start', { query: { to: DAYS.to } }, 400, 'from'],
    ]),
    ...on(TRIPS, [
      ['a permit id that is not a UUID', change(TRIPS, { permitId: 'PS-RT-1' }), 400, 'permitId'],
      ['no trips', change(TRIPS, { trips: [] }), 400, 'trips'],
      [
        '1001 trips',
        change(TRIPS, { trips: Array.from({ length: 1001 }, (_, i) => ({ ...TRIP, externalRef: `T${i}` })) }),
        400,
        'trips',
      ],
      ['trips as a string', change(TRIPS, { trips: 'many' }), 400, 'trips'],
      ['201 passengers', change(TRIPS, { trips: [{ ...TRIP, passengers: 201 }] }), 400, 'trips.0.passengers'],
      [
        'a fare of 1e309 (Infinity)',
        { body: { permitId: ref('permit'), trips: [{ ...TRIP, fareCny: '@inf' }] }, literals: INFINITY },
        400,
        'trips.0.fareCny',
      ],
      [
        'a start 271,821 years BC',
        change(TRIPS, { trips: [{ ...TRIP, startedAt: YEAR_MINUS_271821 }] }),
        400,
        'trips.0.startedAt',
      ],
      ['nobody’s permit', change(TRIPS, { permitId: UNKNOWN_ID }), 404],
      ['a road-test permit (no commercial operation)', {}, 409],
    ]),
    ...on('GET /v1/operations/totals', [
      ['a permit id that is not a UUID', withQuery('GET /v1/operations/totals', { permitId: 'x' }), 400, 'permitId'],
      ['no start', { query: { to: TIME_RANGE.to } }, 400, 'from'],
    ]),
    ...on('GET /v1/alerts', [
      ['limit 501', { query: { limit: '501' } }, 400, 'limit'],
      ['SQL injection as the type', { query: { type: `OVERSPEED${SQL}` } }, 400, 'type'],
      ['an unknown status', { query: { status: 'GONE' } }, 400, 'status'],
      ['a vehicle id that is not a UUID', { query: { vehicleId: 'car-1' } }, 400, 'vehicleId'],
      ['a 65-character jurisdiction', { query: { jurisdictionCode: 'x'.repeat(65) } }, 400, 'jurisdictionCode'],
      ['a prototype-polluting parameter', { rawQuery: 'constructor[prototype][admin]=1' }, 400],
    ]),
    ...on('GET /v1/alerts/stream', [['by an enterprise admin', { caller: 'enterpriseAdmin' }, 403]]),
    ...on('POST /v1/alerts/{id}/acknowledge', [
      ['the note as a number', { body: { note: 42 } }, 400, 'note'],
      ['a 2001-character note', { body: { note: 'x'.repeat(2001) } }, 400, 'note'],
    ]),
    ...on('POST /v1/alerts/{id}/resolve', [
      ['an empty note', { body: { note: '' } }, 400, 'note'],
      ['no note', { body: {} }, 400, 'note'],
      ['the note as an array', { body: { note: [] } }, 400, 'note'],
    ]),
    ...on('GET /v1/reports', [
      ['month 13', { query: { period: '2026-13' } }, 400, 'period'],
      ['a third half-year', { query: { period: '2026-H3' } }, 400, 'period'],
      ['an unknown kind', { query: { kind: 'EVERYTHING' } }, 400, 'kind'],
      ['limit 0', { query: { limit: '0' } }, 400, 'limit'],
    ]),
    ...on('POST /v1/reports/generate', [
      ['an unknown kind', change('POST /v1/reports/generate', { kind: 'EVERYTHING' }), 400, 'kind'],
      ['month 13', change('POST /v1/reports/generate', { period: '2026-13' }), 400, 'period'],
      ['a permit report without a permit', without('POST /v1/reports/generate', 'permitId'), 400, 'permitId'],
      ['nobody’s permit', change('POST /v1/reports/generate', { permitId: UNKNOWN_ID }), 404],
      ['the year 0', change('POST /v1/reports/generate', { period: '0000-01' }), 400, 'period'],
      ['a month that has not begun', change('POST /v1/reports/generate', { period: '9999-12' }), 400, 'period'],
    ]),
    ...on('GET /v1/reports/{id}', [
      ['an unknown format', { query: { format: 'xml' } }, 400, 'format'],
      ['two formats', { query: { format: ['csv', 'json'] } }, 400, 'format'],
    ]),
    ...on(HB, [
      ['a NUL in the firmware version', change(HB, { firmwareVersion: 'v1\u0000' }), 400, 'firmwareVersion'],
      [
        'a newline in the firmware version',
        change(HB, { firmwareVersion: 'v1\nX-Injected: 1' }),
        400,
        'firmwareVersion',
      ],
      ['a 65-character firmware version', change(HB, { firmwareVersion: 'v'.repeat(65) }), 400, 'firmwareVersion'],
      ['negative uptime', change(HB, { uptimeSeconds: -1 }), 400, 'uptimeSeconds'],
      ['uptime of 1.5 s', change(HB, { uptimeSeconds: 1.5 }), 400, 'uptimeSeconds'],
      ['uptime of 1e309 (Infinity)', literal(HB, 'uptimeSeconds', '1e309'), 400, 'uptimeSeconds'],
      ['uptime as a string', change(HB, { uptimeSeconds: '100' }), 400, 'uptimeSeconds'],
      ['more than ten years of uptime', change(HB, { uptimeSeconds: 10 * 366 * 86_400 + 1 }), 400, 'uptimeSeconds'],
    ]),
    ...on(RSU, [
      ['an unknown kind', change(RSU, { kind: 'LASER' }), 400, 'kind'],
      ['a serial that climbs directories', change(RSU, { serial: '../../etc' }), 400, 'serial'],
      ['script injection as the serial', change(RSU, { serial: SCRIPT }), 400, 'serial'],
      ['a zone id that is not a UUID', change(RSU, { zoneId: 'zone-1' }), 400, 'zoneId'],
      ['latitude 91', change(RSU, { position: { lat: 91, lon: 114.35 } }), 400, 'position.lat'],
      ['the position as a string', change(RSU, { position: 'on the pole' }), 400, 'position'],
      ['a position outside the zone', change(RSU, { position: { lat: 0, lon: 0 } }), 400, 'position'],
      ['a serial already registered', change(RSU, { serial: 'ABUSE-RSU-1', kind: 'RSU' }), 409],
      ['a 501-character description', change(RSU, { description: 'x'.repeat(501) }), 400, 'description'],
    ]),
    ...on('GET /v1/roadside-devices', [
      ['limit 1001', { query: { limit: '1001' } }, 400, 'limit'],
      ['offset -1', { query: { offset: '-1' } }, 400, 'offset'],
      ['an offset beyond any bigint', { query: { offset: '100000000000000000000' } }, 400, 'offset'],
      ['an unknown kind', { query: { kind: 'LASER' } }, 400, 'kind'],
    ]),
    ...on('PATCH /v1/roadside-devices/{id}', [
      ['a latitude that is a word', { body: { position: { lat: 'north', lon: 114.35 } } }, 400, 'position.lat'],
      ['a zone id that is not a UUID', { body: { zoneId: 'zone-2' } }, 400, 'zoneId'],
      ['the description as a number', { body: { description: 42 } }, 400, 'description'],
      ['changing the serial', { body: { serial: 'NEW' } }, 400, 'serial'],
      ['a position outside the zone', { body: { position: { lat: 0, lon: 0 } } }, 400, 'position'],
    ]),
    ...on('POST /v1/roadside-devices/{id}/token', [['by an auditor', { caller: 'auditor' }, 403]]),
    ...on('POST /v1/roadside-devices/{id}/decommission', [
      ['the reason as a number', { body: { reason: 42 } }, 400, 'reason'],
      ['a 501-character reason', { body: { reason: 'x'.repeat(501) } }, 400, 'reason'],
    ]),
    ...on(WH, [
      ['a javascript: URL', change(WH, { url: 'javascript:alert(1)' }), 400, 'url'],
      ['an ftp URL', change(WH, { url: 'ftp://hooks.abuse.test/av' }), 400, 'url'],
      ['credentials in the URL', change(WH, { url: 'https://user:secret@hooks.abuse.test/av' }), 400, 'url'],
      ['a file URL', change(WH, { url: 'file:///etc/passwd' }), 400, 'url'],
      ['an unknown event', change(WH, { events: ['alert.deleted'] }), 400, 'events'],
      ['no events', change(WH, { events: [] }), 400, 'events'],
      ['the same event twice', change(WH, { events: ['alert.opened', 'alert.opened'] }), 400, 'events'],
      ['a 2001-character URL', change(WH, { url: `https://hooks.abuse.test/${'x'.repeat(2001)}` }), 400, 'url'],
    ]),
    ...on('PATCH /v1/webhooks/{id}', [
      ['active as the string "false"', { body: { active: 'false' } }, 400, 'active'],
      ['a gopher URL', { body: { url: 'gopher://hooks.abuse.test/' } }, 400, 'url'],
      ['the events as a string', { body: { events: 'alert.opened' } }, 400, 'events'],
    ]),
    ...on('DELETE /v1/webhooks/{id}', [['by a regulator', { caller: 'regulator' }, 403]]),
    ...on('POST /v1/webhooks/{id}/rotate-secret', [
      ['by an enterprise operator', { caller: 'enterpriseOperator' }, 403],
    ]),
    ...on('GET /v1/webhooks/{id}/deliveries', [
      ['limit 0', { query: { limit: '0' } }, 400, 'limit'],
      ['limit as a word', { query: { limit: 'all' } }, 400, 'limit'],
    ]),
    ...on('GET /v1/stats', [
      ['an empty jurisdiction', { query: { jurisdictionCode: '' } }, 400, 'jurisdictionCode'],
      ['a 65-character jurisdiction', { query: { jurisdictionCode: 'x'.repeat(65) } }, 400, 'jurisdictionCode'],
    ]),
  ];
}

/** The whole table: the generated rows for every route, then each route's own. */
export function abuseCases(limitBytes: number): AbuseCase[] {
  return [...generated(), ...specific(limitBytes)];
}
