import request from 'supertest';
import { createApplication, inDays, NO_CONDITIONS } from './support/permit-helpers';
import { CONFIGURATION, createFixtureZones, createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type TestEnterprise, validSafetyOperator } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';

type Ids = {
  enterprise: string;
  operator: string;
  vehicle: string;
  application: string;
  permit: string;
  incident: string;
};

interface ScopedRoute {
  method: 'get' | 'post' | 'patch';
  path: (ids: Ids) => string;
  /** The request body, or a function giving a fresh one for each call. */
  body?: Record<string, unknown> | (() => Record<string, unknown>);
}

let configurationChanges = 0;
/** A configuration that differs from the vehicle's current one each time it is asked for. */
const changedConfiguration = () => ({
  ...CONFIGURATION,
  adsSoftwareVersion: `5.0.${(configurationChanges += 1)}`,
});

const FROM = '2025-01-01T00:00:00Z';
const TO = '2025-01-02T00:00:00Z';

/**
 * Every route that reads or changes data owned by one enterprise and that enterprise users may
 * call. Another enterprise must get 404 (existence is not revealed), and nobody without a token
 * gets anything but 401.
 */
const ENTERPRISE_SCOPED_ROUTES: ScopedRoute[] = [
  { method: 'get', path: ({ enterprise }) => `/v1/enterprises/${enterprise}` },
  { method: 'get', path: ({ enterprise }) => `/v1/enterprises/${enterprise}/users` },
  {
    method: 'post',
    path: ({ enterprise }) => `/v1/enterprises/${enterprise}/invitations`,
    body: { email: 'intruder@other.test', displayName: 'Intruder', role: 'ENTERPRISE_ADMIN' },
  },
  { method: 'get', path: ({ operator }) => `/v1/safety-operators/${operator}` },
  {
    method: 'patch',
    path: ({ operator }) => `/v1/safety-operators/${operator}`,
    body: { adTrainingHours: 1 },
  },
  { method: 'get', path: ({ vehicle }) => `/v1/vehicles/${vehicle}` },
  { method: 'get', path: ({ vehicle }) => `/v1/vehicles/${vehicle}/configurations` },
  {
    method: 'post',
    path: ({ vehicle }) => `/v1/vehicles/${vehicle}/configurations`,
    body: changedConfiguration,
  },
  { method: 'get', path: ({ vehicle }) => `/v1/vehicles/${vehicle}/closed-field-tests` },
  {
    method: 'post',
    path: ({ vehicle }) => `/v1/vehicles/${vehicle}/closed-field-tests`,
    body: { km: 120.5, site: 'Closed field', testedOn: '2025-03-14', reportRef: 'CFT-1' },
  },
  { method: 'get', path: ({ vehicle }) => `/v1/vehicles/${vehicle}/credentials` },
  // The owner's call rotates the vehicle's telemetry token, which nothing here relies on.
  { method: 'post', path: ({ vehicle }) => `/v1/vehicles/${vehicle}/credentials` },
  { method: 'get', path: ({ vehicle }) => `/v1/vehicles/${vehicle}/position` },
  {
    method: 'get',
    path: ({ vehicle }) => `/v1/vehicles/${vehicle}/track?from=${FROM}&to=${TO}`,
  },
  {
    method: 'get',
    path: ({ vehicle }) => `/v1/vehicles/${vehicle}/stats?from=2025-01-01&to=2025-01-02`,
  },
  { method: 'get', path: ({ application }) => `/v1/applications/${application}` },
  {
    method: 'patch',
    path: ({ application }) => `/v1/applications/${application}`,
    body: { requestedTo: inDays(128) },
  },
  {
    method: 'post',
    path: ({ application }) => `/v1/applications/${application}/documents`,
    body: {
      type: 'SAFETY_PLAN',
      fileName: 'plan.pdf',
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF plan').toString('base64'),
    },
  },
  { method: 'get', path: ({ application }) => `/v1/applications/${application}/documents` },
  { method: 'get', path: ({ application }) => `/v1/applications/${application}/eligibility` },
  { method: 'get', path: ({ permit }) => `/v1/permits/${permit}` },
  { method: 'get', path: ({ incident }) => `/v1/incidents/${incident}` },
  {
    method: 'patch',
    path: ({ incident }) => `/v1/incidents/${incident}`,
    body: { minorInjuries: 1, reason: 'update' },
  },
  { method: 'get', path: ({ incident }) => `/v1/incidents/${incident}/versions` },
  { method: 'get', path: ({ incident }) => `/v1/incidents/${incident}/telemetry` },
  // These change the draft's state, so they come last.
  { method: 'post', path: ({ application }) => `/v1/applications/${application}/submit` },
  { method: 'post', path: ({ application }) => `/v1/applications/${application}/withdraw` },
];

const bodyOf = (route: ScopedRoute): Record<string, unknown> =>
  typeof route.body === 'function' ? route.body() : (route.body ?? {});

describe('tenant isolation', () => {
  let ctx: TestContext;
  let owner: TestEnterprise;
  let other: TestEnterprise;
  const ids: Ids = { enterprise: '', operator: '', vehicle: '', application: '', permit: '', incident: '' };

  beforeAll(async () => {
    ctx = await startTestContext();
    const regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    owner = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    ids.enterprise = owner.id;
    const operator = await request(ctx.api.getHttpServer())
      .post('/v1/safety-operators')
      .set(owner.admin.auth)
      .send(validSafetyOperator())
      .expect(201);
    ids.operator = operator.body.id;
    ids.vehicle = (await createVehicle(ctx.api, owner)).id;
    const zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
    const application = {
      kind: 'ROAD_TEST',
      vehicleIds: [ids.vehicle],
      operatorIds: [ids.operator],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(98),
      conditions: NO_CONDITIONS,
    };
    ids.application = await createApplication(ctx.api, owner, application);
    const approved = await createApplication(ctx.api, owner, application);
    const http = () => request(ctx.api.getHttpServer());
    await http().post(`/v1/applications/${approved}/submit`).set(owner.admin.auth).expect(200);
    await http().post(`/v1/applications/${approved}/review`).set(regulator.auth).expect(200);
    const decided = await http()
      .post(`/v1/applications/${approved}/approve`)
      .set(regulator.auth)
      .send({ overrideReason: 'fixture for the tenancy walk' })
      .expect(200);
    ids.permit = decided.body.permit.id;
    const incident = await http()
      .post('/v1/incidents')
      .set(owner.admin.auth)
      .send({
        vehicleId: ids.vehicle,
        kind: 'COLLISION',
        occurredAt: new Date().toISOString(),
        lat: 22.7,
        lon: 114.35,
        narrative: 'minor contact',
      })
      .expect(201);
    ids.incident = incident.body.id;
  });
  afterAll(() => ctx.close());

  it.each(
    ENTERPRISE_SCOPED_ROUTES.map((r) => [
      `${r.method.toUpperCase()} ${r.path({ enterprise: ':id', operator: ':id', vehicle: ':id', application: ':id', permit: ':id', incident: ':id' })}`,
      r,
    ]),
  )('%s: 404 for another enterprise, 401 without a token, and allowed for the owner', async (_name, route) => {
    const server = ctx.api.getHttpServer();
    const path = route.path(ids);
    const foreign = await request(server)[route.method](path).set(other.admin.auth).send(bodyOf(route));
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    const anonymous = await request(server)[route.method](path).send(bodyOf(route));
    expect(anonymous.status).toBe(401);
    const own = await request(server)[route.method](path).set(owner.admin.auth).send(bodyOf(route));
    expect(own.status).toBeLessThan(300);
  });

  it('lists only the caller’s own enterprise and operators', async () => {
    const server = ctx.api.getHttpServer();
    const enterprises = await request(server).get('/v1/enterprises').set(other.admin.auth).expect(200);
    expect(enterprises.body.map((e: { id: string }) => e.id)).toEqual([other.id]);
    const operators = await request(server).get('/v1/safety-operators').set(other.admin.auth).expect(200);
    expect(operators.body).toEqual([]);
  });

  it('hides vehicles from other enterprises’ lists, and their writes change nothing', async () => {
    const server = ctx.api.getHttpServer();
    const theirs = await request(server).get('/v1/vehicles').set(other.admin.auth).expect(200);
    expect(theirs.body).toEqual([]);
    const mine = await request(server).get('/v1/vehicles').set(owner.admin.auth).expect(200);
    expect(mine.body.map((v: { id: string }) => v.id)).toEqual([ids.vehicle]);

    const base = `/v1/vehicles/${ids.vehicle}`;
    const snapshot = async () =>
      Promise.all(
        ['', '/configurations', '/closed-field-tests', '/credentials'].map(
          async (suffix) => (await request(server).get(`${base}${suffix}`).set(owner.admin.auth).expect(200)).body,
        ),
      );
    const before = await snapshot();
    const [, , , credentials] = before as { id: string; revokedAt: string | null }[][];
    const live = credentials.find((c) => c.revokedAt === null)!;
    expect(live).toBeDefined();

    const attempts = [
      request(server).post(`${base}/configurations`).send(changedConfiguration()),
      request(server)
        .post(`${base}/closed-field-tests`)
        .send({ km: 1, site: 'Elsewhere', testedOn: '2025-03-15', reportRef: 'X-1' }),
      request(server).post(`${base}/credentials`).send({}),
      request(server).delete(`${base}/credentials/${live.id}`).send({}),
    ];
    for (const attempt of attempts) {
      const res = await attempt.set(other.admin.auth);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('/problems/not-found');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('documents roles and the 401/403 problems on every guarded operation', async () => {
    const doc = await request(ctx.api.getHttpServer()).get('/docs-json').expect(200);
    const operations = Object.entries(
      doc.body.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        name: `${method.toUpperCase()} ${path}`,
        op,
      })),
    );
    const undocumented = operations
      .filter(({ name, op }) => !name.includes('/health') && !op['x-roles'])
      .map(({ name }) => name);
    expect(undocumented).toEqual([]);
    const rolesOf = (op: Record<string, unknown>) => op['x-roles'] as string[] | undefined;
    const personal = operations.filter(
      ({ op }) => rolesOf(op) && !['PUBLIC', 'VEHICLE', 'DEVICE'].includes(rolesOf(op)![0]),
    );
    expect(personal.length).toBeGreaterThan(10);
    for (const { op } of personal)
      expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['401', '403']));
    const vehicle = operations.filter(({ op }) => rolesOf(op)?.[0] === 'VEHICLE');
    expect(vehicle.map(({ name }) => name).sort()).toEqual(['GET /v1/telemetry/watermark', 'POST /v1/telemetry']);
    for (const { op } of vehicle) expect(Object.keys(op.responses as object)).toContain('401');
    const device = operations.filter(({ op }) => rolesOf(op)?.[0] === 'DEVICE');
    expect(device.map(({ name }) => name)).toEqual(['POST /v1/roadside-devices/heartbeat']);
  });
});
