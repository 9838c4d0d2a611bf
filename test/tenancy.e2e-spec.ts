import request from 'supertest';
import { registerEnterprise, type TestEnterprise, validSafetyOperator } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';

interface ScopedRoute {
  method: 'get' | 'post' | 'patch';
  path: (ids: { enterprise: string; operator: string }) => string;
  body?: Record<string, unknown>;
}

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
];

describe('tenant isolation', () => {
  let ctx: TestContext;
  let owner: TestEnterprise;
  let other: TestEnterprise;
  const ids = { enterprise: '', operator: '' };

  beforeAll(async () => {
    ctx = await startTestContext();
    owner = await registerEnterprise(ctx.api);
    other = await registerEnterprise(ctx.api);
    ids.enterprise = owner.id;
    const operator = await request(ctx.api.getHttpServer())
      .post('/v1/safety-operators')
      .set(owner.admin.auth)
      .send(validSafetyOperator())
      .expect(201);
    ids.operator = operator.body.id;
  });
  afterAll(() => ctx.close());

  it.each(
    ENTERPRISE_SCOPED_ROUTES.map((r) => [
      `${r.method.toUpperCase()} ${r.path({ enterprise: ':id', operator: ':id' })}`,
      r,
    ]),
  )('%s: 404 for another enterprise, 401 without a token, and allowed for the owner', async (_name, route) => {
    const server = ctx.api.getHttpServer();
    const path = route.path(ids);
    const foreign = await request(server)
      [route.method](path)
      .set(other.admin.auth)
      .send(route.body ?? {});
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    const anonymous = await request(server)
      [route.method](path)
      .send(route.body ?? {});
    expect(anonymous.status).toBe(401);
    const own = await request(server)
      [route.method](path)
      .set(owner.admin.auth)
      .send(route.body ?? {});
    expect(own.status).toBeLessThan(300);
  });

  it('lists only the caller’s own enterprise and operators', async () => {
    const server = ctx.api.getHttpServer();
    const enterprises = await request(server).get('/v1/enterprises').set(other.admin.auth).expect(200);
    expect(enterprises.body.map((e: { id: string }) => e.id)).toEqual([other.id]);
    const operators = await request(server).get('/v1/safety-operators').set(other.admin.auth).expect(200);
    expect(operators.body).toEqual([]);
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
    const personal = operations.filter(({ op }) => rolesOf(op) && !['PUBLIC', 'VEHICLE'].includes(rolesOf(op)![0]));
    expect(personal.length).toBeGreaterThan(10);
    for (const { op } of personal)
      expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['401', '403']));
    const vehicle = operations.filter(({ op }) => rolesOf(op)?.[0] === 'VEHICLE');
    expect(vehicle.map(({ name }) => name).sort()).toEqual(['GET /v1/telemetry/watermark', 'POST /v1/telemetry']);
    for (const { op } of vehicle) expect(Object.keys(op.responses as object)).toContain('401');
  });
});
