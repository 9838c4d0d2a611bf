import request from 'supertest';
import { CONFIGURATION, createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type TestEnterprise, validSafetyOperator } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';

let configurationChanges = 0;
/** A configuration that differs from the vehicle's current one each time it is asked for. */
const changedConfiguration = () => ({
  ...CONFIGURATION,
  adsSoftwareVersion: `5.0.${(configurationChanges += 1)}`,
});

// Walking every id-bearing route as another tenant is in security.e2e-spec.ts (from its route table).
describe('tenant isolation', () => {
  let ctx: TestContext;
  let owner: TestEnterprise;
  let other: TestEnterprise;
  let vehicleId: string;

  beforeAll(async () => {
    ctx = await startTestContext();
    const regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    owner = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    await request(ctx.api.getHttpServer())
      .post('/v1/safety-operators')
      .set(owner.admin.auth)
      .send(validSafetyOperator())
      .expect(201);
    vehicleId = (await createVehicle(ctx.api, owner)).id;
  });
  afterAll(() => ctx.close());

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
    expect(mine.body.map((v: { id: string }) => v.id)).toEqual([vehicleId]);

    const base = `/v1/vehicles/${vehicleId}`;
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
