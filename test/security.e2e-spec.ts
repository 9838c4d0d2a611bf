import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { Role } from '@app/core';
import { CONFIGURATION, createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import {
  createStaff,
  login,
  loginAdmin,
  PASSWORD,
  registerEnterprise,
  type Session,
  type TestEnterprise,
} from './support/identity-helpers';
import { createApplication, createOperator, inDays, NO_CONDITIONS } from './support/permit-helpers';
import {
  type Caller,
  CALLERS,
  expectedAccess,
  hasIdParameter,
  routeKey,
  ROUTES,
  type RouteSpec,
} from './support/route-table';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack, type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

type Headers = Record<string, string>;
type Body = Record<string, unknown>;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> & { type?: string };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const bearer = (token: string): Headers => ({ Authorization: `Bearer ${token}` });
/** A client address for the rate limiters (the API trusts X-Forwarded-For from loopback only). */
const from = (address: string): Headers => ({ 'X-Forwarded-For': address });
const statusesOf = (replies: Reply[]): number[] => replies.map((r) => r.status).sort((a, b) => a - b);
const count = (replies: Reply[], status: number): number => replies.filter((r) => r.status === status).length;
const routeOf = (key: string): RouteSpec => {
  const found = ROUTES.find((r) => routeKey(r) === key);
  if (!found) throw new Error(`${key} is not in the route table`);
  return found;
};
const fill = (template: string, params: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return params[name];
  });

const VERBS = { GET: 'get', POST: 'post', PATCH: 'patch', DELETE: 'delete' } as const;

/** Sends one request; the SSE route is read only up to its headers, since it never ends. */
async function send(
  ctx: TestContext,
  method: RouteSpec['method'],
  path: string,
  headers: Headers,
  body?: Body,
): Promise<Reply> {
  if (path.startsWith('/v1/alerts/stream')) {
    const { port } = ctx.api.getHttpServer().address() as AddressInfo;
    const aborter = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers, signal: aborter.signal });
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json') ? ((await res.json()) as Reply['body']) : {};
    aborter.abort();
    return { status: res.status, headers: { 'content-type': contentType }, body: parsed };
  }
  const req = request(ctx.api.getHttpServer())[VERBS[method]](path).set(headers);
  const res = method === 'POST' || method === 'PATCH' ? await req.send(body ?? {}) : await req;
  return { status: res.status, headers: res.headers, body: res.body };
}

/** Fires all requests at once and waits for every answer. */
const burst = (n: number, fire: (i: number) => Promise<Reply>): Promise<Reply[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => fire(i)));

/** Per-minute counters reset on the minute: start a burst well inside one. */
async function awayFromMinuteBoundary(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

function expectRefusedWithRetryAfter(replies: Reply[]): void {
  for (const reply of replies.filter((r) => r.status === 429)) {
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.body.type).toBe('/problems/rate-limited');
    expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
  }
}

/** The chain recomputed through the API covers every entry up to the newest one, and holds. */
async function expectAuditChainVerifies(ctx: TestContext, platformAdmin: Session): Promise<void> {
  const http = () => request(ctx.api.getHttpServer());
  const newest = (await http().get('/v1/audit').query({ limit: 1 }).set(platformAdmin.auth).expect(200)).body.items[0]
    .seq as number;
  const verdict = await http().get('/v1/audit/verify').set(platformAdmin.auth).expect(200);
  expect(verdict.body).toMatchObject({
    ok: true,
    firstBrokenSeq: null,
    reason: null,
    entriesChecked: newest,
    headSeq: newest,
  });
}

/** The problem a refusal answers, without what may name the resource or the request. */
const problemShape = (body: Reply['body']) => ({
  type: body.type,
  title: body.title,
  status: body.status,
  detail: typeof body.detail === 'string' ? body.detail.replace(UUID, '<id>') : body.detail,
  errors: body.errors === undefined ? undefined : JSON.stringify(body.errors).replace(UUID, '<id>'),
});

/** Everything the suite creates once: two enterprises of one jurisdiction, staff of two, and their data. */
interface Fixtures {
  admin: Session;
  regulator: Session;
  auditor: Session;
  otherRegulator: Session;
  otherAuditor: Session;
  owner: TestEnterprise;
  ownerOperator: Session;
  other: TestEnterprise;
  pendingToVerify: string;
  pendingToReject: string;
  zones: Record<string, string>;
  otherZones: Record<string, string>;
  vehicle: TestVehicle;
  spareVehicle: string;
  spareCredential: string;
  otherVehicle: TestVehicle;
  safetyOperator: string;
  otherSafetyOperator: string;
  takeoverSeq: string;
  alert: string;
  draft: string;
  document: string;
  toReview: string;
  toReject: string;
  toApprove: string;
  permit: string;
  incident: string;
  report: string;
  device: { id: string; token: string };
  managedDevice: string;
  otherDevice: string;
  webhook: string;
  checkpoint: string;
}

describe('security: roles, tenants, tokens and the audit chain', () => {
  let ctx: TestContext;
  const f = {} as Fixtures;
  const http = () => request(ctx.api.getHttpServer());
  const previousMonth = (() => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 7);
  })();

  const read = async (session: Session, path: string): Promise<unknown> =>
    (await http().get(path).set(session.auth).expect(200)).body;

  /** The newest audit entry: every change a person makes appends one. */
  const auditHead = async (): Promise<number> =>
    (await http().get('/v1/audit').query({ limit: 1 }).set(f.admin.auth).expect(200)).body.items[0].seq;

  async function postTelemetry(vehicle: TestVehicle, points: WirePoint[]): Promise<void> {
    await http().post('/v1/telemetry').set(vehicle.auth).send({ points }).expect(202);
    const last = Math.max(...points.map((p) => p.seq));
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq >= last
        ? true
        : undefined,
    );
  }

  const application = (vehicleId: string, operatorId: string) => ({
    kind: 'ROAD_TEST',
    vehicleIds: [vehicleId],
    operatorIds: [operatorId],
    zoneIds: [f.zones['PS-WHOLE-DISTRICT']],
    requestedFrom: inDays(8),
    requestedTo: inDays(98),
    conditions: NO_CONDITIONS,
  });

  async function submitted(reviewed: boolean): Promise<string> {
    const id = await createApplication(ctx.api, f.owner, application(f.vehicle.id, f.safetyOperator));
    await http().post(`/v1/applications/${id}/submit`).set(f.owner.admin.auth).expect(200);
    if (reviewed) await http().post(`/v1/applications/${id}/review`).set(f.regulator.auth).expect(200);
    return id;
  }

  async function registerDevice(session: Session, zoneId: string): Promise<{ id: string; token: string }> {
    const res = await http()
      .post('/v1/roadside-devices')
      .set(session.auth)
      .send({ kind: 'RSU', serial: `SEC-${randomBytes(4).toString('hex')}`, zoneId })
      .expect(201);
    return { id: res.body.id as string, token: res.body.token as string };
  }

  beforeAll(async () => {
    ctx = await startTestContext({
      worker: true,
      env: {
        // The matrix and the walks send a few thousand requests from one address.
        RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_MAX_ATTEMPTS_PER_IP: '1000',
        TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE: '20',
        ROADSIDE_HEARTBEAT_MAX_PER_MINUTE: '10',
        WEBHOOK_MAX_ATTEMPTS: '1',
      },
    });
    await ctx.api.listen(0, '127.0.0.1');
    f.admin = await loginAdmin(ctx.api);
    f.regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    f.auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
    f.otherRegulator = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    f.otherAuditor = await createStaff(ctx.api, 'AUDITOR', 'CN-BJ-YIZHUANG');
    f.owner = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', f.regulator);
    f.other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', f.regulator);
    f.pendingToVerify = (await registerEnterprise(ctx.api)).id;
    f.pendingToReject = (await registerEnterprise(ctx.api)).id;

    const operatorEmail = `operator-${randomBytes(4).toString('hex')}@enterprise.test`;
    const invitation = await http()
      .post(`/v1/enterprises/${f.owner.id}/invitations`)
      .set(f.owner.admin.auth)
      .send({ email: operatorEmail, displayName: 'Operator', role: 'ENTERPRISE_OPERATOR' })
      .expect(201);
    await http()
      .post('/v1/auth/invitations/accept')
      .send({ token: invitation.body.token, password: PASSWORD })
      .expect(201);
    f.ownerOperator = await login(ctx.api, operatorEmail);

    f.zones = await createFixtureZones(ctx.api, f.regulator, 'CN-SZ-PINGSHAN');
    f.otherZones = await createFixtureZones(ctx.api, f.otherRegulator, 'CN-BJ-YIZHUANG');
    f.vehicle = await createVehicle(ctx.api, f.owner);
    f.spareVehicle = (await createVehicle(ctx.api, f.owner)).id;
    f.spareCredential = (
      await http().get(`/v1/vehicles/${f.spareVehicle}/credentials`).set(f.owner.admin.auth).expect(200)
    ).body[0].id;
    f.otherVehicle = await createVehicle(ctx.api, f.other);
    f.safetyOperator = await createOperator(ctx.api, f.owner);
    f.otherSafetyOperator = await createOperator(ctx.api, f.other);

    // Ten points without a permit: a NO_ACTIVE_PERMIT alert, and a takeover at the first manual point.
    const track = eastboundTrack({ count: 10, modeAt: (i) => (i < 6 ? 'AUTONOMOUS' : 'MANUAL') });
    await postTelemetry(f.vehicle, track);
    f.takeoverSeq = String(track.find((p) => p.mode === 'MANUAL')!.seq);
    const alerts = await http().get('/v1/alerts').query({ vehicleId: f.vehicle.id }).set(f.regulator.auth).expect(200);
    f.alert = alerts.body.find((a: { type: string }) => a.type === 'NO_ACTIVE_PERMIT').id;

    f.draft = await createApplication(ctx.api, f.owner, application(f.vehicle.id, f.safetyOperator));
    f.document = (
      await http()
        .post(`/v1/applications/${f.draft}/documents`)
        .set(f.owner.admin.auth)
        .send({
          type: 'SAFETY_PLAN',
          fileName: 'plan.pdf',
          mediaType: 'application/pdf',
          contentBase64: Buffer.from('%PDF plan').toString('base64'),
        })
        .expect(201)
    ).body.id;
    f.toReview = await submitted(false);
    f.toReject = await submitted(true);
    f.toApprove = await submitted(true);
    const issued = await submitted(true);
    f.permit = (
      await http()
        .post(`/v1/applications/${issued}/approve`)
        .set(f.regulator.auth)
        .send({ overrideReason: 'fixture for the security suite' })
        .expect(200)
    ).body.permit.id;

    f.incident = (
      await http()
        .post('/v1/incidents')
        .set(f.owner.admin.auth)
        .send({
          vehicleId: f.vehicle.id,
          kind: 'COLLISION',
          occurredAt: track[3].ts,
          lat: track[3].lat,
          lon: track[3].lon,
          seriousInjuries: 1,
          avAtFault: 'YES',
          narrative: 'Rear-ended a stopped van.',
        })
        .expect(201)
    ).body.id;
    f.report = (
      await http()
        .post('/v1/reports/generate')
        .set(f.regulator.auth)
        .send({ kind: 'ENTERPRISE_MONTHLY', period: previousMonth, enterpriseId: f.owner.id })
        .expect(200)
    ).body.id;

    f.device = await registerDevice(f.regulator, f.zones['PS-WHOLE-DISTRICT']);
    f.managedDevice = (await registerDevice(f.regulator, f.zones['PS-WHOLE-DISTRICT'])).id;
    f.otherDevice = (await registerDevice(f.otherRegulator, Object.values(f.otherZones)[0])).id;
    f.webhook = (
      await http()
        .post('/v1/webhooks')
        .set(f.owner.admin.auth)
        .send({ url: 'http://127.0.0.1:9/hooks', events: ['alert.resolved'] })
        .expect(201)
    ).body.id;
    f.checkpoint = (await http().post('/v1/audit/checkpoints').set(f.auditor.auth).expect(202)).body.id;
  });
  afterAll(() => ctx.close());

  const credentialsOf = (caller: Caller): Headers => {
    switch (caller) {
      case 'ANONYMOUS':
        return {};
      case 'VEHICLE':
        return f.vehicle.auth;
      case 'DEVICE':
        return bearer(f.device.token);
      case Role.PlatformAdmin:
        return f.admin.auth;
      case Role.Regulator:
        return f.regulator.auth;
      case Role.Auditor:
        return f.auditor.auth;
      case Role.EnterpriseAdmin:
        return f.owner.admin.auth;
      case Role.EnterpriseOperator:
        return f.ownerOperator.auth;
    }
  };

  describe('role matrix, generated from the route table', () => {
    // Ids that name nothing: an allowed caller passes the guard and then meets a 400 or 404, never a change.
    const nowhere = randomUUID();

    const expected401Type = (route: RouteSpec, caller: Caller): string => {
      if (caller === 'ANONYMOUS') return '/problems/missing-credentials';
      if (route.roles.includes('VEHICLE')) return '/problems/invalid-vehicle-token';
      if (route.roles.includes('DEVICE')) return '/problems/invalid-device-token';
      return '/problems/invalid-token';
    };

    it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s', async (_key, route) => {
      const path = route.path.replace('{seq}', '1').replace(/\{\w+\}/g, nowhere);
      const mismatches: string[] = [];
      for (const caller of CALLERS) {
        const expected = expectedAccess(route, caller);
        const reply = await send(ctx, route.method, path, credentialsOf(caller), {});
        const got = `${reply.status} ${reply.body.type ?? ''}`.trim();
        const problem = /^application\/problem\+json/.test(reply.headers['content-type'] ?? '');
        if (expected === 'allow') {
          if (reply.status === 401 || reply.status === 403 || reply.status >= 500)
            mismatches.push(`${caller}: expected through the guard, got ${got}`);
        } else if (expected === 401) {
          if (reply.status !== 401 || !problem || reply.body.type !== expected401Type(route, caller))
            mismatches.push(`${caller}: expected 401 ${expected401Type(route, caller)}, got ${got}`);
        } else if (reply.status !== 403 || !problem || reply.body.type !== '/problems/forbidden') {
          mismatches.push(`${caller}: expected 403 /problems/forbidden, got ${got}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('covers exactly the operations of /docs-json, with the roles each declares in x-roles', async () => {
      const doc = await http().get('/docs-json').expect(200);
      const documented: Record<string, string[]> = {};
      for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, Body>>)) {
        for (const [method, operation] of Object.entries(methods)) {
          // Health probes live outside /v1, answer anyone and declare no roles.
          const roles =
            (operation['x-roles'] as string[] | undefined) ?? (path.startsWith('/health') ? ['PUBLIC'] : []);
          documented[`${method.toUpperCase()} ${path}`] = [...roles].sort();
        }
      }
      const tabled = Object.fromEntries(ROUTES.map((r) => [routeKey(r), [...r.roles].sort()]));
      expect(Object.keys(tabled)).toHaveLength(ROUTES.length);
      expect(tabled).toEqual(documented);
    });
  });

  describe('cross-tenant access on every id-bearing route', () => {
    interface CrossTenantCase {
      key: string;
      params: () => Record<string, string>;
      query?: Record<string, string>;
      /** A fresh body for each call: some must differ every time to be accepted. */
      body?: () => Body;
      /** Who may reach the resource: its answer shows the strangers' 404 is about visibility alone. */
      owner: () => Session;
      /** A read by the owner that a stranger's refused write must leave unchanged. */
      probe?: () => string;
    }

    const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() };
    const days = { from: inDays(-1), to: inDays(1) };
    let configurationVersion = 0;
    const invitee = () => ({
      email: `invitee-${randomBytes(4).toString('hex')}@enterprise.test`,
      displayName: 'Invitee',
      role: 'ENTERPRISE_OPERATOR',
    });
    const ownerAdmin = () => f.owner.admin;
    const regulator = () => f.regulator;
    const reason = () => ({ reason: 'checked by the security suite' });

    /**
     * In the order they run: a route that changes a resource's state comes after those that need
     * the earlier state. Strangers are derived from the table: the other enterprise's admin where
     * enterprises may call the route, the other jurisdiction's regulator and auditor where they may.
     */
    const CASES: CrossTenantCase[] = [
      { key: 'GET /v1/enterprises/{id}', params: () => ({ id: f.owner.id }), owner: ownerAdmin },
      { key: 'GET /v1/enterprises/{id}/users', params: () => ({ id: f.owner.id }), owner: ownerAdmin },
      {
        key: 'POST /v1/enterprises/{id}/invitations',
        params: () => ({ id: f.owner.id }),
        body: invitee,
        owner: ownerAdmin,
      },
      {
        key: 'POST /v1/enterprises/{id}/verify',
        params: () => ({ id: f.pendingToVerify }),
        owner: regulator,
        probe: () => `/v1/enterprises/${f.pendingToVerify}`,
      },
      {
        key: 'POST /v1/enterprises/{id}/reject',
        params: () => ({ id: f.pendingToReject }),
        body: reason,
        owner: regulator,
        probe: () => `/v1/enterprises/${f.pendingToReject}`,
      },
      { key: 'GET /v1/safety-operators/{id}', params: () => ({ id: f.safetyOperator }), owner: ownerAdmin },
      {
        key: 'PATCH /v1/safety-operators/{id}',
        params: () => ({ id: f.safetyOperator }),
        body: () => ({ adTrainingHours: 61 }),
        owner: ownerAdmin,
        probe: () => `/v1/safety-operators/${f.safetyOperator}`,
      },
      { key: 'GET /v1/vehicles/{id}', params: () => ({ id: f.vehicle.id }), owner: ownerAdmin },
      { key: 'GET /v1/vehicles/{id}/configurations', params: () => ({ id: f.vehicle.id }), owner: ownerAdmin },
      {
        key: 'POST /v1/vehicles/{id}/configurations',
        params: () => ({ id: f.vehicle.id }),
        body: () => ({ ...CONFIGURATION, adsSoftwareVersion: `5.1.${(configurationVersion += 1)}` }),
        owner: ownerAdmin,
        probe: () => `/v1/vehicles/${f.vehicle.id}/configurations`,
      },
      { key: 'GET /v1/vehicles/{id}/closed-field-tests', params: () => ({ id: f.vehicle.id }), owner: ownerAdmin },
      {
        key: 'POST /v1/vehicles/{id}/closed-field-tests',
        params: () => ({ id: f.vehicle.id }),
        body: () => ({ km: 120.5, site: 'Closed field', testedOn: '2025-03-14', reportRef: 'CFT-SEC' }),
        owner: ownerAdmin,
        probe: () => `/v1/vehicles/${f.vehicle.id}/closed-field-tests`,
      },
      { key: 'GET /v1/vehicles/{id}/credentials', params: () => ({ id: f.spareVehicle }), owner: ownerAdmin },
      {
        key: 'DELETE /v1/vehicles/{id}/credentials/{credentialId}',
        params: () => ({ id: f.spareVehicle, credentialId: f.spareCredential }),
        owner: ownerAdmin,
        probe: () => `/v1/vehicles/${f.spareVehicle}/credentials`,
      },
      {
        key: 'POST /v1/vehicles/{id}/credentials',
        params: () => ({ id: f.spareVehicle }),
        owner: ownerAdmin,
        probe: () => `/v1/vehicles/${f.spareVehicle}/credentials`,
      },
      { key: 'GET /v1/vehicles/{id}/position', params: () => ({ id: f.vehicle.id }), owner: ownerAdmin },
      { key: 'GET /v1/vehicles/{id}/track', params: () => ({ id: f.vehicle.id }), query: range, owner: ownerAdmin },
      { key: 'GET /v1/vehicles/{id}/stats', params: () => ({ id: f.vehicle.id }), query: days, owner: ownerAdmin },
      {
        key: 'PATCH /v1/zones/{id}',
        params: () => ({ id: f.zones['PS-WHOLE-DISTRICT'] }),
        body: () => ({ name: 'Pingshan district (renamed)' }),
        owner: regulator,
        probe: () => `/v1/zones/${f.zones['PS-WHOLE-DISTRICT']}`,
      },
      { key: 'GET /v1/applications/{id}', params: () => ({ id: f.draft }), owner: ownerAdmin },
      {
        key: 'PATCH /v1/applications/{id}',
        params: () => ({ id: f.draft }),
        body: () => ({ requestedTo: inDays(100) }),
        owner: ownerAdmin,
        probe: () => `/v1/applications/${f.draft}`,
      },
      {
        key: 'POST /v1/applications/{id}/documents',
        params: () => ({ id: f.draft }),
        body: () => ({
          type: 'COMPULSORY_INSURANCE',
          fileName: 'insurance.pdf',
          mediaType: 'application/pdf',
          contentBase64: Buffer.from('%PDF insurance').toString('base64'),
        }),
        owner: ownerAdmin,
        probe: () => `/v1/applications/${f.draft}/documents`,
      },
      { key: 'GET /v1/applications/{id}/documents', params: () => ({ id: f.draft }), owner: ownerAdmin },
      {
        key: 'GET /v1/applications/{id}/documents/{documentId}/content',
        params: () => ({ id: f.draft, documentId: f.document }),
        owner: ownerAdmin,
      },
      { key: 'GET /v1/applications/{id}/eligibility', params: () => ({ id: f.draft }), owner: ownerAdmin },
      {
        key: 'POST /v1/applications/{id}/submit',
        params: () => ({ id: f.draft }),
        owner: ownerAdmin,
        probe: () => `/v1/applications/${f.draft}`,
      },
      {
        key: 'POST /v1/applications/{id}/withdraw',
        params: () => ({ id: f.draft }),
        owner: ownerAdmin,
        probe: () => `/v1/applications/${f.draft}`,
      },
      {
        key: 'POST /v1/applications/{id}/review',
        params: () => ({ id: f.toReview }),
        owner: regulator,
        probe: () => `/v1/applications/${f.toReview}`,
      },
      {
        key: 'POST /v1/applications/{id}/request-changes',
        params: () => ({ id: f.toReview }),
        body: reason,
        owner: regulator,
        probe: () => `/v1/applications/${f.toReview}`,
      },
      {
        key: 'POST /v1/applications/{id}/reject',
        params: () => ({ id: f.toReject }),
        body: reason,
        owner: regulator,
        probe: () => `/v1/applications/${f.toReject}`,
      },
      {
        key: 'POST /v1/applications/{id}/approve',
        params: () => ({ id: f.toApprove }),
        body: () => ({ overrideReason: 'approved by the security suite' }),
        owner: regulator,
        probe: () => `/v1/applications/${f.toApprove}`,
      },
      { key: 'GET /v1/permits/{id}', params: () => ({ id: f.permit }), owner: ownerAdmin },
      ...(['suspend', 'reinstate', 'revoke'] as const).map((action): CrossTenantCase => ({
        key: `POST /v1/permits/{id}/${action}`,
        params: () => ({ id: f.permit }),
        body: reason,
        owner: regulator,
        probe: () => `/v1/permits/${f.permit}`,
      })),
      { key: 'GET /v1/incidents/{id}', params: () => ({ id: f.incident }), owner: ownerAdmin },
      {
        key: 'PATCH /v1/incidents/{id}',
        params: () => ({ id: f.incident }),
        body: () => ({ minorInjuries: 1, reason: 'hospital report received' }),
        owner: ownerAdmin,
        probe: () => `/v1/incidents/${f.incident}`,
      },
      { key: 'GET /v1/incidents/{id}/versions', params: () => ({ id: f.incident }), owner: ownerAdmin },
      { key: 'GET /v1/incidents/{id}/telemetry', params: () => ({ id: f.incident }), owner: ownerAdmin },
      {
        key: 'POST /v1/incidents/{id}/analysis-request',
        params: () => ({ id: f.incident }),
        body: () => ({ dueAt: new Date(Date.now() + 3600_000).toISOString() }),
        owner: regulator,
        probe: () => `/v1/incidents/${f.incident}`,
      },
      {
        key: 'POST /v1/incidents/{id}/analysis-report',
        params: () => ({ id: f.incident }),
        body: () => ({ documentRef: 'doc-analysis-sec', summary: 'Braking distance misjudged.' }),
        owner: ownerAdmin,
        probe: () => `/v1/incidents/${f.incident}`,
      },
      {
        key: 'POST /v1/incidents/{id}/suspend-permits',
        params: () => ({ id: f.incident }),
        owner: regulator,
        probe: () => '/v1/permits',
      },
      {
        key: 'PATCH /v1/takeovers/{vehicleId}/{seq}',
        params: () => ({ vehicleId: f.vehicle.id, seq: f.takeoverSeq }),
        body: () => ({ initiatedBy: 'SAFETY_OPERATOR', cause: 'unmapped roadworks', locationType: 'STRAIGHT_ROAD' }),
        owner: ownerAdmin,
        probe: () => `/v1/takeovers?vehicleId=${f.vehicle.id}&from=${range.from}&to=${range.to}`,
      },
      { key: 'GET /v1/alerts/{id}', params: () => ({ id: f.alert }), owner: ownerAdmin },
      {
        key: 'POST /v1/alerts/{id}/acknowledge',
        params: () => ({ id: f.alert }),
        body: () => ({ note: 'looking into it' }),
        owner: ownerAdmin,
        probe: () => `/v1/alerts/${f.alert}`,
      },
      {
        key: 'POST /v1/alerts/{id}/resolve',
        params: () => ({ id: f.alert }),
        body: () => ({ note: 'permit application filed' }),
        owner: regulator,
        probe: () => `/v1/alerts/${f.alert}`,
      },
      { key: 'GET /v1/reports/{id}', params: () => ({ id: f.report }), owner: ownerAdmin },
      { key: 'GET /v1/roadside-devices/{id}', params: () => ({ id: f.managedDevice }), owner: () => f.auditor },
      {
        key: 'PATCH /v1/roadside-devices/{id}',
        params: () => ({ id: f.managedDevice }),
        body: () => ({ description: 'pole 14, north side' }),
        owner: regulator,
        probe: () => `/v1/roadside-devices/${f.managedDevice}`,
      },
      {
        key: 'POST /v1/roadside-devices/{id}/token',
        params: () => ({ id: f.managedDevice }),
        owner: regulator,
        probe: () => `/v1/roadside-devices/${f.managedDevice}`,
      },
      {
        key: 'POST /v1/roadside-devices/{id}/decommission',
        params: () => ({ id: f.managedDevice }),
        body: () => ({ reason: 'replaced' }),
        owner: regulator,
        probe: () => `/v1/roadside-devices/${f.managedDevice}`,
      },
      { key: 'GET /v1/webhooks/{id}', params: () => ({ id: f.webhook }), owner: ownerAdmin },
      { key: 'GET /v1/webhooks/{id}/deliveries', params: () => ({ id: f.webhook }), owner: ownerAdmin },
      {
        key: 'PATCH /v1/webhooks/{id}',
        params: () => ({ id: f.webhook }),
        body: () => ({ description: 'operations desk' }),
        owner: ownerAdmin,
        probe: () => `/v1/webhooks/${f.webhook}`,
      },
      {
        key: 'POST /v1/webhooks/{id}/rotate-secret',
        params: () => ({ id: f.webhook }),
        owner: ownerAdmin,
        probe: () => `/v1/webhooks/${f.webhook}`,
      },
      {
        key: 'DELETE /v1/webhooks/{id}',
        params: () => ({ id: f.webhook }),
        owner: ownerAdmin,
        probe: () => `/v1/webhooks/${f.webhook}`,
      },
    ];

    /** Routes whose resources every tenant may read, and why. */
    const SHARED: { key: string; params: () => Record<string, string>; why: string }[] = [
      {
        key: 'GET /v1/zones/{id}',
        params: () => ({ id: f.zones['PS-WHOLE-DISTRICT'] }),
        why: 'zones are public geography: applicants choose among every jurisdiction’s zones',
      },
      {
        key: 'GET /v1/audit/checkpoints/{id}',
        params: () => ({ id: f.checkpoint }),
        why: 'a checkpoint attests the whole chain, which every auditor verifies',
      },
    ];

    const strangersOf = (route: RouteSpec): [string, Session][] => {
      const strangers: [string, Session][] = [];
      if (route.roles.includes(Role.EnterpriseAdmin)) strangers.push(['another enterprise’s admin', f.other.admin]);
      if (route.roles.includes(Role.Regulator))
        strangers.push(['a regulator of another jurisdiction', f.otherRegulator]);
      if (route.roles.includes(Role.Auditor)) strangers.push(['an auditor of another jurisdiction', f.otherAuditor]);
      return strangers;
    };

    const withQuery = (path: string, query?: Record<string, string>) =>
      query ? `${path}?${new URLSearchParams(query).toString()}` : path;

    it('walks every id-bearing route of the table, and only those', () => {
      const walked = [...CASES.map((c) => c.key), ...SHARED.map((s) => s.key)];
      expect(new Set(walked).size).toBe(walked.length);
      expect(walked.filter((key) => !hasIdParameter(routeOf(key)))).toEqual([]);
      expect(
        ROUTES.filter(hasIdParameter)
          .map(routeKey)
          .filter((key) => !walked.includes(key)),
      ).toEqual([]);
    });

    it.each(CASES.map((c) => [c.key, c] as const))(
      '%s: 404 for strangers, as for an id that does not exist, and nothing changes',
      async (key, c) => {
        const route = routeOf(key);
        const params = c.params();
        const path = withQuery(fill(route.path, params), c.query);
        const unknown = withQuery(
          fill(
            route.path,
            Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'seq' ? v : randomUUID()])),
          ),
          c.query,
        );
        const strangers = strangersOf(route);
        expect(strangers.length).toBeGreaterThan(0);
        const look = async () => {
          const res = await http().get(c.probe!()).set(c.owner().auth);
          return { status: res.status, body: res.body as unknown };
        };
        const before = c.probe ? await look() : undefined;
        expect(before?.status ?? 200).toBe(200);
        const head = await auditHead();

        for (const [who, session] of strangers) {
          const refused = await send(ctx, route.method, path, session.auth, c.body?.());
          expect({ who, status: refused.status, type: refused.body.type }).toEqual({
            who,
            status: 404,
            type: '/problems/not-found',
          });
          expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
          const missing = await send(ctx, route.method, unknown, session.auth, c.body?.());
          expect(problemShape(refused.body)).toEqual(problemShape(missing.body));
        }
        if (c.probe) expect(await look()).toEqual(before);
        expect(await auditHead()).toBe(head);

        const own = await send(ctx, route.method, path, c.owner().auth, c.body?.());
        expect(own.status < 300 ? 'done' : `${own.status} ${String(own.body.detail)}`).toBe('done');
        // The probe sees the owner's change, so it would have seen a stranger's.
        if (c.probe) expect(await look()).not.toEqual(before);
      },
    );

    it.each(SHARED.map((s) => [s.key, s.why, s] as const))(
      '%s is read by every tenant: %s',
      async (key, _why, shared) => {
        const route = routeOf(key);
        for (const [, session] of strangersOf(route))
          await http().get(fill(route.path, shared.params())).set(session.auth).expect(200);
      },
    );

    it('mixes of an own id and a foreign one are refused: another vehicle’s token, another application’s document', async () => {
      const credentials = `/v1/vehicles/${f.otherVehicle.id}/credentials`;
      const theirs = (await read(f.other.admin, credentials)) as { id: string }[];
      // The owner names its own vehicle with the other enterprise's credential.
      await http()
        .delete(`/v1/vehicles/${f.vehicle.id}/credentials/${theirs[0].id}`)
        .set(f.owner.admin.auth)
        .expect(404);
      expect(await read(f.other.admin, credentials)).toEqual(theirs);

      const ownApplication = await createApplication(
        ctx.api,
        f.other,
        application(f.otherVehicle.id, f.otherSafetyOperator),
      );
      await http()
        .get(`/v1/applications/${ownApplication}/documents/${f.document}/content`)
        .set(f.other.admin.auth)
        .expect(404);
    });

    interface ForeignIdInBody {
      name: string;
      who: () => Session;
      method: 'POST' | 'PATCH';
      path: () => string;
      /** The other tenant's id, put into the body. */
      foreign: () => string;
      body: (id: string) => Body;
      status: 400 | 404;
      /** What a refused request must leave as it was. */
      snapshot: () => Promise<unknown>;
    }

    const FOREIGN_IDS_IN_BODIES: ForeignIdInBody[] = [
      {
        name: 'an application for another enterprise’s vehicle',
        who: () => f.other.admin,
        method: 'POST',
        path: () => '/v1/applications',
        foreign: () => f.vehicle.id,
        body: (id) => application(id, f.otherSafetyOperator),
        status: 400,
        snapshot: () => read(f.other.admin, '/v1/applications'),
      },
      {
        name: 'an application with another enterprise’s safety operator',
        who: () => f.other.admin,
        method: 'POST',
        path: () => '/v1/applications',
        foreign: () => f.safetyOperator,
        body: (id) => application(f.otherVehicle.id, id),
        status: 400,
        snapshot: () => read(f.other.admin, '/v1/applications'),
      },
      {
        name: 'an application in another jurisdiction’s zone',
        who: () => f.other.admin,
        method: 'POST',
        path: () => '/v1/applications',
        foreign: () => Object.values(f.otherZones)[0],
        body: (id) => ({ ...application(f.otherVehicle.id, f.otherSafetyOperator), zoneIds: [id] }),
        status: 400,
        snapshot: () => read(f.other.admin, '/v1/applications'),
      },
      {
        name: 'an incident of another enterprise’s vehicle',
        who: () => f.other.admin,
        method: 'POST',
        path: () => '/v1/incidents',
        foreign: () => f.vehicle.id,
        body: (id) => ({
          vehicleId: id,
          kind: 'COLLISION',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          lat: 22.7,
          lon: 114.35,
          narrative: 'not ours',
        }),
        status: 404,
        snapshot: () => read(f.other.admin, '/v1/incidents'),
      },
      {
        name: 'trips under another enterprise’s permit',
        who: () => f.other.admin,
        method: 'POST',
        path: () => '/v1/operations/trips',
        foreign: () => f.permit,
        body: (id) => ({
          permitId: id,
          trips: [
            {
              externalRef: 'SEC-TRIP-1',
              vehicleId: f.otherVehicle.id,
              startedAt: new Date(Date.now() - 3600_000).toISOString(),
              endedAt: new Date(Date.now() - 1800_000).toISOString(),
              passengers: 1,
              cargoTonnes: 0,
              fareCny: 12,
            },
          ],
        }),
        status: 404,
        snapshot: () => read(f.owner.admin, `/v1/operations/totals?from=${range.from}&to=${range.to}`),
      },
      {
        name: 'recognised mileage for a vehicle of another jurisdiction',
        who: () => f.otherRegulator,
        method: 'POST',
        path: () => '/v1/recognitions',
        foreign: () => f.vehicle.id,
        body: (id) => ({
          vehicleId: id,
          sourceJurisdiction: 'CN-GD-GUANGZHOU',
          sourcePermitNumber: 'GZ-RT-2025-000009',
          autonomousKm: 1500,
          autonomousHours: 300,
        }),
        status: 404,
        // Recognised mileage would show among the facts of the vehicle's next evaluation.
        snapshot: async () =>
          ((await read(f.owner.admin, `/v1/applications/${f.toApprove}/eligibility`)) as { results: unknown }).results,
      },
      {
        name: 'a report on an enterprise of another jurisdiction',
        who: () => f.otherRegulator,
        method: 'POST',
        path: () => '/v1/reports/generate',
        foreign: () => f.owner.id,
        body: (id) => ({ kind: 'ENTERPRISE_MONTHLY', period: previousMonth, enterpriseId: id }),
        status: 404,
        snapshot: () => read(f.regulator, '/v1/reports'),
      },
      {
        name: 'a report on a permit of another jurisdiction',
        who: () => f.otherRegulator,
        method: 'POST',
        path: () => '/v1/reports/generate',
        foreign: () => f.permit,
        body: (id) => ({ kind: 'PERMIT_MONTHLY', period: previousMonth, permitId: id }),
        status: 404,
        snapshot: () => read(f.regulator, '/v1/reports'),
      },
      {
        name: 'a roadside device in another jurisdiction’s zone',
        who: () => f.otherRegulator,
        method: 'POST',
        path: () => '/v1/roadside-devices',
        foreign: () => f.zones['PS-WHOLE-DISTRICT'],
        body: (id) => ({ kind: 'RSU', serial: 'SEC-FOREIGN-1', zoneId: id }),
        status: 400,
        snapshot: () => read(f.regulator, '/v1/roadside-devices'),
      },
      {
        name: 'a device moved into another jurisdiction’s zone',
        who: () => f.otherRegulator,
        method: 'PATCH',
        path: () => `/v1/roadside-devices/${f.otherDevice}`,
        foreign: () => f.zones['PS-WHOLE-DISTRICT'],
        body: (id) => ({ zoneId: id }),
        status: 400,
        snapshot: () => read(f.otherRegulator, `/v1/roadside-devices/${f.otherDevice}`),
      },
    ];

    it.each(FOREIGN_IDS_IN_BODIES.map((c) => [c.name, c] as const))(
      'refuses another tenant’s id in a body, as an id that does not exist: %s',
      async (_name, c) => {
        const before = await c.snapshot();
        const head = await auditHead();
        const refused = await send(ctx, c.method, c.path(), c.who().auth, c.body(c.foreign()));
        expect(refused.status).toBe(c.status);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        const missing = await send(ctx, c.method, c.path(), c.who().auth, c.body(randomUUID()));
        expect(problemShape(refused.body)).toEqual(problemShape(missing.body));
        expect(await c.snapshot()).toEqual(before);
        expect(await auditHead()).toBe(head);
      },
    );

    it.each([
      { path: '/v1/alerts', query: () => ({ vehicleId: f.vehicle.id }) },
      { path: '/v1/alerts', query: () => ({ enterpriseId: f.owner.id }) },
      { path: '/v1/incidents', query: () => ({ vehicleId: f.vehicle.id }) },
      { path: '/v1/takeovers', query: () => ({ ...range, vehicleId: f.vehicle.id }) },
      { path: '/v1/reports', query: () => ({ enterpriseId: f.owner.id }) },
      { path: '/v1/audit', query: () => ({ entityId: f.vehicle.id }) },
      {
        path: '/v1/roadside-devices',
        query: () => ({ zoneId: f.zones['PS-WHOLE-DISTRICT'] }),
        owner: () => f.regulator,
        stranger: () => f.otherRegulator,
      },
    ])('filters by another tenant’s id find nothing: GET $path', async ({ path, query, owner, stranger }) => {
      const rows = (body: unknown) => (Array.isArray(body) ? body : (body as { items: unknown[] }).items);
      const own = await http()
        .get(path)
        .query(query())
        .set((owner ?? ownerAdmin)().auth)
        .expect(200);
      expect(rows(own.body).length).toBeGreaterThan(0);
      const foreign = await http()
        .get(path)
        .query(query())
        .set((stranger ?? (() => f.other.admin))().auth)
        .expect(200);
      expect(rows(foreign.body)).toEqual([]);
    });
  });

  describe('vehicle and roadside device tokens (their 401 on every person route is in the matrix)', () => {
    const positionOf = async (vehicleId: string, session: Session) =>
      (await http().get(`/v1/vehicles/${vehicleId}/position`).set(session.auth).expect(200)).body;
    const watermarkOf = async (vehicle: TestVehicle) =>
      (await http().get('/v1/telemetry/watermark').set(vehicle.auth).expect(200)).body.persistedThroughSeq;

    it('a vehicle token writes and reads only its own vehicle’s telemetry, whatever the body names', async () => {
      await postTelemetry(f.otherVehicle, eastboundTrack({ count: 5, lat: 22.69 }));
      const theirs = await positionOf(f.otherVehicle.id, f.other.admin);
      const mine = await positionOf(f.vehicle.id, f.owner.admin);

      const named = await http()
        .post('/v1/telemetry')
        .set(f.vehicle.auth)
        .send({ vehicleId: f.otherVehicle.id, points: eastboundTrack({ count: 1, firstSeq: 11 }) })
        .expect(400);
      expect(named.body.errors).toEqual([{ field: 'vehicleId', reason: 'unknown field' }]);
      const points: Body[] = eastboundTrack({ count: 5, firstSeq: 11, lat: 22.69 }).map((p) => ({ ...p }));
      points[2] = { ...points[2], vehicleId: f.otherVehicle.id };
      const receipt = await http().post('/v1/telemetry').set(f.vehicle.auth).send({ points }).expect(202);
      expect(receipt.body).toMatchObject({
        accepted: 4,
        rejected: [{ index: 2, seq: 13, reason: 'unknown field vehicleId' }],
      });
      await waitFor(async () => ((await watermarkOf(f.vehicle)) === 15 ? true : undefined));

      expect(await positionOf(f.otherVehicle.id, f.other.admin)).toEqual(theirs);
      expect(await watermarkOf(f.otherVehicle)).toBe(5);
      expect(await positionOf(f.vehicle.id, f.owner.admin)).toMatchObject({
        pointsStored: mine.pointsStored + 4,
        position: { seq: 15 },
      });
    });

    it('a device token heartbeats only its own device', async () => {
      const quiet = (await registerDevice(f.regulator, f.zones['PS-WHOLE-DISTRICT'])).id;
      const before = await read(f.regulator, `/v1/roadside-devices/${quiet}`);
      expect(before).toMatchObject({ status: 'NEVER_SEEN', lastHeartbeatAt: null });
      const heartbeat = (body: Body) =>
        http().post('/v1/roadside-devices/heartbeat').set(bearer(f.device.token)).send(body);
      const named = await heartbeat({ deviceId: quiet }).expect(400);
      expect(named.body.errors).toEqual([{ field: 'deviceId', reason: 'property deviceId should not exist' }]);
      expect((await heartbeat({}).expect(200)).body).toMatchObject({ deviceId: f.device.id, status: 'ONLINE' });
      expect(await read(f.regulator, `/v1/roadside-devices/${quiet}`)).toEqual(before);
    });
  });

  describe('access tokens', () => {
    const payloadOf = (token: string): Body => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const encode = (value: Body) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = () => Math.floor(Date.now() / 1000);
    /** A platform admin's claims: what each forged token below tries to act as. */
    const adminClaims = () => {
      const { sub, role, ent, jur, sid } = payloadOf(f.admin.token);
      return { sub, role, ent, jur, sid };
    };
    const signed = (claims: Body, secret: string, algorithm: 'HS256' | 'HS512' = 'HS256') =>
      new JwtService({ secret }).sign(claims, { algorithm });
    const inviteStaff = (token: string) =>
      http()
        .post('/v1/staff/invitations')
        .set(bearer(token))
        .send({
          email: `staff-${randomBytes(4).toString('hex')}@regulator.test`,
          displayName: 'Staff',
          role: 'AUDITOR',
          jurisdictionCode: 'CN-SZ-PINGSHAN',
        });

    it('accepts a token signed with the server’s key while it is valid (the control for the refusals below)', async () => {
      const token = signed({ ...adminClaims(), iat: now(), exp: now() + 60 }, ctx.env.JWT_ACCESS_SECRET);
      await inviteStaff(token).expect(201);
    });

    it.each([
      {
        name: 'an expired token',
        token: () => signed({ ...adminClaims(), iat: now() - 1000, exp: now() - 60 }, ctx.env.JWT_ACCESS_SECRET),
      },
      {
        name: 'an enterprise admin’s token whose payload was raised to platform admin',
        token: () => {
          const [header, payload, signature] = f.owner.admin.token.split('.');
          const raised = {
            ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
            role: 'PLATFORM_ADMIN',
            ent: null,
          };
          return `${header}.${encode(raised)}.${signature}`;
        },
      },
      {
        name: 'an unsigned token (alg none)',
        token: () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...adminClaims(), exp: now() + 60 })}.`,
      },
      {
        name: 'a token signed with another key',
        token: () => signed({ ...adminClaims(), exp: now() + 60 }, randomBytes(32).toString('hex')),
      },
      {
        name: 'a token signed with the server’s key but another algorithm (HS512)',
        token: () => signed({ ...adminClaims(), exp: now() + 60 }, ctx.env.JWT_ACCESS_SECRET, 'HS512'),
      },
      {
        name: 'a token with its signature cut off',
        token: () => f.admin.token.split('.').slice(0, 2).join('.') + '.',
      },
    ])('refuses $name with 401 problem+json, and acts on nothing', async ({ token }) => {
      const head = await auditHead();
      const res = await inviteStaff(token()).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/invalid-token');
      expect(await auditHead()).toBe(head);
    });
  });

  describe('refresh tokens (a sequential reuse is in identity.e2e-spec.ts)', () => {
    const refresh = (refreshToken: string) => send(ctx, 'POST', '/v1/auth/refresh', {}, { refreshToken });
    const me = (accessToken: string) => send(ctx, 'GET', '/v1/auth/me', bearer(accessToken));

    it('two simultaneous uses of one refresh token rotate it once, then revoke that whole family and no other', async () => {
      const session = await login(ctx.api, f.owner.adminEmail);
      const elsewhere = await login(ctx.api, f.owner.adminEmail);
      const replies = await burst(2, () => refresh(session.refreshToken));
      expect(statusesOf(replies)).toEqual([200, 401]);
      const winner = replies.find((r) => r.status === 200)!.body as { accessToken: string; refreshToken: string };
      expect(replies.find((r) => r.status === 401)!.body.type).toBe('/problems/refresh-token-reused');

      // Whoever holds the rotated token (the thief or the owner) is out with everyone else in the family.
      expect((await me(winner.accessToken)).status).toBe(401);
      expect((await refresh(winner.refreshToken)).status).toBe(401);
      expect((await me(session.token)).status).toBe(401);
      // The account's other session goes on.
      expect((await me(elsewhere.token)).status).toBe(200);
      expect((await refresh(elsewhere.refreshToken)).status).toBe(200);
    });
  });

  describe('per-vehicle and per-device limits under a burst', () => {
    it('accepts exactly the per-vehicle telemetry budget from a burst of twice that, stores only what it accepted, and leaves other vehicles alone', async () => {
      const [vehicle, bystander] = [await createVehicle(ctx.api, f.owner), await createVehicle(ctx.api, f.owner)];
      const points = eastboundTrack({ count: 40 });
      await awayFromMinuteBoundary();
      const replies = await burst(40, (i) => send(ctx, 'POST', '/v1/telemetry', vehicle.auth, { points: [points[i]] }));
      expect([count(replies, 202), count(replies, 429)]).toEqual([20, 20]);
      expectRefusedWithRetryAfter(replies);
      await http()
        .post('/v1/telemetry')
        .set(bystander.auth)
        .send({ points: points.slice(0, 1) })
        .expect(202);

      const accepted = points.filter((_, i) => replies[i].status === 202).map((p) => p.seq);
      const stored = async () =>
        (
          await http()
            .get(`/v1/vehicles/${vehicle.id}/track`)
            .query({ from: points[0].ts, to: new Date().toISOString() })
            .set(f.owner.admin.auth)
            .expect(200)
        ).body.points.map((p: { seq: number }) => p.seq);
      expect(await waitFor(async () => ((await stored()).length >= accepted.length ? stored() : undefined))).toEqual(
        accepted,
      );
    });

    it('answers exactly the per-device heartbeat budget from a burst of twice that', async () => {
      const device = await registerDevice(f.regulator, f.zones['PS-WHOLE-DISTRICT']);
      await awayFromMinuteBoundary();
      const replies = await burst(20, () => send(ctx, 'POST', '/v1/roadside-devices/heartbeat', bearer(device.token)));
      expect([count(replies, 200), count(replies, 429)]).toEqual([10, 10]);
      expectRefusedWithRetryAfter(replies);
    });
  });

  describe('after the whole suite', () => {
    it('the audit chain verifies, and a checkpoint recorded by the worker agrees', async () => {
      await expectAuditChainVerifies(ctx, f.admin);
      const requested = await http().post('/v1/audit/checkpoints').set(f.auditor.auth).expect(202);
      const done = await waitFor(async () => {
        const res = await http().get(`/v1/audit/checkpoints/${requested.body.id}`).set(f.auditor.auth).expect(200);
        return res.body.status === 'DONE' ? (res.body as Body) : undefined;
      });
      expect(done).toMatchObject({ ok: true, firstBrokenSeq: null });
    });
  });
});

describe('security: per-address and per-account limits under a burst', () => {
  let ctx: TestContext;
  const http = () => request(ctx.api.getHttpServer());
  beforeAll(async () => {
    ctx = await startTestContext({
      env: { RATE_LIMIT_PER_MINUTE: '50', LOGIN_MAX_ATTEMPTS_PER_IP: '10', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' },
    });
  });
  afterAll(() => ctx.close());
  const signIn = (email: string, password: string, address: string) =>
    send(ctx, 'POST', '/v1/auth/login', from(address), { email, password });

  it('answers exactly the per-address budget of a burst, 429 with Retry-After to the rest, and serves other addresses', async () => {
    const replies = await burst(100, () => send(ctx, 'GET', '/v1/jurisdictions', from('203.0.113.10')));
    expect([count(replies, 200), count(replies, 429)]).toEqual([50, 50]);
    expectRefusedWithRetryAfter(replies);
    await http().get('/v1/jurisdictions').set(from('203.0.113.11')).expect(200);
  });

  it('holds the registration limit of 20 an hour per address', async () => {
    const replies = await burst(40, () => send(ctx, 'POST', '/v1/enterprises', from('203.0.113.12'), {}));
    expect([count(replies, 400), count(replies, 429)]).toEqual([20, 20]);
    expectRefusedWithRetryAfter(replies);
  });

  it('holds the sign-in limit per address', async () => {
    const replies = await burst(20, (i) => signIn(`nobody-${i}@nowhere.test`, 'wrong-password-123', '203.0.113.13'));
    expect([count(replies, 401), count(replies, 429)]).toEqual([10, 10]);
    expectRefusedWithRetryAfter(replies);
  });

  it('holds the failed sign-in limit per account, even for guesses sent at once from many addresses', async () => {
    const target = await registerEnterprise(ctx.api);
    const bystander = await registerEnterprise(ctx.api);
    const replies = await burst(10, (i) => signIn(target.adminEmail, 'wrong-password-123', `198.51.100.${i + 1}`));
    expect([count(replies, 401), count(replies, 429)]).toEqual([3, 7]);
    expectRefusedWithRetryAfter(replies);
    expect((await signIn(target.adminEmail, PASSWORD, '198.51.100.100')).status).toBe(429);
    expect((await signIn(bystander.adminEmail, PASSWORD, '198.51.100.101')).status).toBe(200);
  });

  it('leaves an audit chain that verifies', async () => {
    await expectAuditChainVerifies(ctx, await loginAdmin(ctx.api));
  });
});
