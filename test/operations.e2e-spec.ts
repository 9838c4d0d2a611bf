import request from 'supertest';
import { createFixtureZones, createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { createApplication, createOperator, inDays, NO_CONDITIONS } from './support/permit-helpers';
import { startTestContext, type TestContext } from './support/test-context';

describe('commercial operations', () => {
  let ctx: TestContext;
  let regulator: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext();
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
  });
  afterAll(() => ctx.close());

  async function permitFor(kind: string, vehicleIds: string[]) {
    const operatorId = await createOperator(ctx.api, enterprise);
    const id = await createApplication(ctx.api, enterprise, {
      kind,
      vehicleIds,
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(-30),
      requestedTo: inDays(150),
      conditions: { ...NO_CONDITIONS, passengers: true, scenes: ['PASSENGER'] },
    });
    await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200);
    await http().post(`/v1/applications/${id}/review`).set(regulator.auth).expect(200);
    return (
      await http()
        .post(`/v1/applications/${id}/approve`)
        .set(regulator.auth)
        .send({ overrideReason: 'fixture for operations' })
        .expect(200)
    ).body.permit as { id: string };
  }

  const trip = (vehicleId: string, ref: string, overrides: Record<string, unknown> = {}) => ({
    externalRef: ref,
    vehicleId,
    startedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    endedAt: new Date(Date.now() - 3 * 3600_000 + 20 * 60_000).toISOString(),
    passengers: 2,
    cargoTonnes: 0,
    fareCny: 35.5,
    distanceKm: 12.4,
    ...overrides,
  });

  it('stores valid trips once, rejects bad ones alone, and totals vehicles, passengers, tonnes and revenue', async () => {
    const [a, b, outsider] = [
      await createVehicle(ctx.api, enterprise),
      await createVehicle(ctx.api, enterprise),
      await createVehicle(ctx.api, enterprise),
    ];
    const permit = await permitFor('MANNED_PILOT', [a.id, b.id]);
    const batch = [
      trip(a.id, 'ORD-1'),
      trip(b.id, 'ORD-2', { passengers: 3, fareCny: 41 }),
      trip(a.id, 'ORD-3', { passengers: 0, cargoTonnes: 0.75, fareCny: 20 }),
      trip(outsider.id, 'ORD-4'),
      trip(a.id, 'ORD-5', { endedAt: new Date(Date.now() - 4 * 3600_000).toISOString() }),
      trip(a.id, 'ORD-1'),
    ];
    const first = await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: permit.id, trips: batch })
      .expect(200);
    expect(first.body.accepted).toBe(3);
    expect(first.body.duplicates).toBe(0);
    expect(first.body.rejected.map((r: { index: number }) => r.index)).toEqual([3, 4, 5]);
    expect(first.body.rejected[0].reason).toMatch(/not on permit/);

    const again = await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: permit.id, trips: batch.slice(0, 3) })
      .expect(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3 });

    const totals = await http()
      .get('/v1/operations/totals')
      .query({
        permitId: permit.id,
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date().toISOString(),
      })
      .set(regulator.auth)
      .expect(200);
    expect(totals.body).toMatchObject({ vehicles: 2, trips: 3, passengers: 5, cargoTonnes: 0.75, revenueCny: 96.5 });

    const bad = await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: permit.id, trips: [trip(a.id, 'ORD-9', { passengers: -1 })] })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('trips.0.passengers');
  });

  it('accepts trips only under an active pilot permit of the caller', async () => {
    const car = await createVehicle(ctx.api, enterprise);
    const roadTest = await permitFor('ROAD_TEST', [car.id]);
    const refused = await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: roadTest.id, trips: [trip(car.id, 'RT-1')] })
      .expect(409);
    expect(refused.body.type).toBe('/problems/not-a-pilot-permit');
    const pilot = await permitFor('MANNED_PILOT', [car.id]);
    const other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    await http()
      .post('/v1/operations/trips')
      .set(other.admin.auth)
      .send({ permitId: pilot.id, trips: [trip(car.id, 'X-1')] })
      .expect(404);
    await http().post(`/v1/permits/${pilot.id}/suspend`).set(regulator.auth).send({ reason: 'audit' }).expect(200);
    const suspended = await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: pilot.id, trips: [trip(car.id, 'S-1')] })
      .expect(409);
    expect(suspended.body.currentState).toBe('SUSPENDED');
  });
});
