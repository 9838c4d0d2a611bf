import request from 'supertest';
import { createFixtureZones, createVehicle } from './support/fleet-helpers';
import { createStaff, login, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { createOperator, inDays, issuePermit, NO_CONDITIONS } from './support/permit-helpers';
import { startTestContext, TEST_ADMIN, type TestContext } from './support/test-context';
import { eastboundTrack } from './support/track';
import { waitFor } from './support/wait-for';

describe('platform statistics', () => {
  let ctx: TestContext;
  let pingshan: Session;
  let beijing: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', pingshan);
    zones = await createFixtureZones(ctx.api, pingshan, 'CN-SZ-PINGSHAN');
  });
  afterAll(() => ctx.close());

  const permit = async (kind: string, vehicleIds: string[]) =>
    issuePermit(ctx.api, enterprise, pingshan, {
      kind,
      vehicleIds,
      operatorIds: [await createOperator(ctx.api, enterprise)],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(-30),
      requestedTo: inDays(150),
      conditions: { ...NO_CONDITIONS, passengers: true, scenes: ['PASSENGER'] },
    });

  it('counts enterprises, vehicles by category and stage, km, notices, open alerts and commercial totals', async () => {
    const stats = async (session: Session, query: Record<string, string> = {}) =>
      (await http().get('/v1/stats').query(query).set(session.auth).expect(200)).body.jurisdictions;
    const [before] = await stats(pingshan);

    // Stages: none (closed field), a road test, a road test and a pilot (the furthest counts).
    const closed = await createVehicle(ctx.api, enterprise, { category: 'BUS', seats: 20 });
    const road = await createVehicle(ctx.api, enterprise);
    const pilot = await createVehicle(ctx.api, enterprise);
    await permit('ROAD_TEST', [road.id, pilot.id]);
    const manned = await permit('MANNED_PILOT', [pilot.id]);
    await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({
        permitId: manned.id,
        trips: [
          {
            externalRef: 'ORD-S1',
            vehicleId: pilot.id,
            startedAt: new Date(Date.now() - 3600_000).toISOString(),
            endedAt: new Date(Date.now() - 3000_000).toISOString(),
            passengers: 3,
            cargoTonnes: 0.5,
            fareCny: 42.5,
          },
        ],
      })
      .expect(200);
    // 60 points 1 s apart eastwards from the closed-field vehicle, which has no permit: km and an alert.
    await http()
      .post('/v1/telemetry')
      .set(closed.auth)
      .send({ points: eastboundTrack({ count: 60 }) })
      .expect(202);
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(closed.auth)).body.persistedThroughSeq === 60 ? true : undefined,
    );
    const { km } = (
      await http()
        .get(`/v1/vehicles/${closed.id}/stats`)
        .query({ from: inDays(-1), to: inDays(1) })
        .set(pingshan.auth)
        .expect(200)
    ).body.total;

    const [after] = await stats(pingshan);
    expect(after.jurisdictionCode).toBe('CN-SZ-PINGSHAN');
    expect(after.enterprisesConnected).toBe(before.enterprisesConnected);
    expect(after.vehicles.connected - before.vehicles.connected).toBe(3);
    expect(after.vehicles.byCategory.BUS - (before.vehicles.byCategory.BUS ?? 0)).toBe(1);
    expect(after.vehicles.byStage.CLOSED_FIELD_TEST - before.vehicles.byStage.CLOSED_FIELD_TEST).toBe(1);
    expect(after.vehicles.byStage.OPEN_ROAD_TEST - before.vehicles.byStage.OPEN_ROAD_TEST).toBe(1);
    expect(after.vehicles.byStage.DEMONSTRATION - before.vehicles.byStage.DEMONSTRATION).toBe(1);
    expect(after.notices.byKind.ROAD_TEST.active - before.notices.byKind.ROAD_TEST.active).toBe(1);
    expect(after.notices.byKind.MANNED_PILOT.issued - before.notices.byKind.MANNED_PILOT.issued).toBe(1);
    expect(after.notices.issued - before.notices.issued).toBe(2);
    expect(after.supervisedKm.total - before.supervisedKm.total).toBeCloseTo(km.autonomous + km.manual + km.remote, 2);
    expect(after.supervisedKm.total).toBeGreaterThan(before.supervisedKm.total);
    expect(after.openAlerts.byType.NO_ACTIVE_PERMIT - (before.openAlerts.byType.NO_ACTIVE_PERMIT ?? 0)).toBe(1);
    expect(after.commercial).toEqual({
      trips: before.commercial.trips + 1,
      passengers: before.commercial.passengers + 3,
      cargoTonnes: before.commercial.cargoTonnes + 0.5,
      revenueCny: before.commercial.revenueCny + 42.5,
    });
  });

  it('shows each regulator its own jurisdiction and platform admins every one; enterprises are refused', async () => {
    expect((await http().get('/v1/stats').set(beijing.auth).expect(200)).body.jurisdictions).toEqual([
      expect.objectContaining({ jurisdictionCode: 'CN-BJ-YIZHUANG', enterprisesConnected: 0 }),
    ]);
    const other = await http().get('/v1/stats').query({ jurisdictionCode: 'CN-SZ-PINGSHAN' }).set(beijing.auth);
    expect(other.body.jurisdictions).toEqual([]);
    const admin = await login(ctx.api, TEST_ADMIN.email, TEST_ADMIN.password);
    const all = (await http().get('/v1/stats').set(admin.auth).expect(200)).body.jurisdictions;
    expect(all.map((j: { jurisdictionCode: string }) => j.jurisdictionCode)).toEqual(
      expect.arrayContaining(['CN-BJ-YIZHUANG', 'CN-SZ-PINGSHAN']),
    );
    await http().get('/v1/stats').set(enterprise.admin.auth).expect(403);
    const bad = await http().get('/v1/stats').query({ jurisdictionCode: '' }).set(admin.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('jurisdictionCode');
  });
});
