import request from 'supertest';
import { createVehicle, type TestVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack } from './support/track';
import { waitFor } from './support/wait-for';

describe('takeovers and disengagements', () => {
  let ctx: TestContext;
  let regulator: Session;
  let enterprise: TestEnterprise;
  let vehicle: TestVehicle;
  const http = () => request(ctx.api.getHttpServer());
  const range = {
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString(),
  };
  // Local days (Asia/Shanghai) from yesterday to today, so a track across midnight is covered.
  const localDay = (offsetDays: number) =>
    new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    vehicle = await createVehicle(ctx.api, enterprise);
    // Two takeovers: at seq 101 (to MANUAL) and seq 201 (to REMOTE).
    const track = eastboundTrack({
      count: 300,
      endMsAgo: 120_000,
      modeAt: (i) => (i >= 100 && i < 150 ? 'MANUAL' : i >= 200 && i < 220 ? 'REMOTE' : 'AUTONOMOUS'),
    });
    await http().post('/v1/telemetry').set(vehicle.auth).send({ points: track }).expect(202);
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq === 300
        ? true
        : undefined,
    );
  });
  afterAll(() => ctx.close());

  it('lists takeovers found in telemetry and lets the enterprise classify them', async () => {
    const found = await http()
      .get('/v1/takeovers')
      .query({ ...range, vehicleId: vehicle.id })
      .set(enterprise.admin.auth)
      .expect(200);
    expect(found.body.map((t: { seq: number; toMode: string }) => [t.seq, t.toMode])).toEqual([
      [101, 'MANUAL'],
      [201, 'REMOTE'],
    ]);
    const bad = await http()
      .patch(`/v1/takeovers/${vehicle.id}/101`)
      .set(enterprise.admin.auth)
      .send({ initiatedBy: 'DRIVER', cause: 'x', locationType: 'CURVE' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('initiatedBy');
    const other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    await http()
      .patch(`/v1/takeovers/${vehicle.id}/101`)
      .set(other.admin.auth)
      .send({ initiatedBy: 'SYSTEM', cause: 'x', locationType: 'CURVE' })
      .expect(404);
    await http()
      .patch(`/v1/takeovers/${vehicle.id}/999`)
      .set(enterprise.admin.auth)
      .send({ initiatedBy: 'SYSTEM', cause: 'x', locationType: 'CURVE' })
      .expect(404);
    await http()
      .patch(`/v1/takeovers/${vehicle.id}/101`)
      .set(enterprise.admin.auth)
      .send({
        initiatedBy: 'SAFETY_OPERATOR',
        cause: 'construction zone not in the map',
        locationType: 'STRAIGHT_ROAD',
      })
      .expect(200);
    const left = await http()
      .get('/v1/takeovers')
      .query({ ...range, vehicleId: vehicle.id, unclassified: true })
      .set(regulator.auth)
      .expect(200);
    expect(left.body.map((t: { seq: number }) => t.seq)).toEqual([201]);
  });

  it('reports autonomous km per takeover by vehicle', async () => {
    const days = { from: localDay(-1), to: localDay(0) };
    const stats = await http()
      .get(`/v1/vehicles/${vehicle.id}/stats`)
      .query(days)
      .set(enterprise.admin.auth)
      .expect(200);
    const report = await http().get('/v1/disengagements').query(days).set(enterprise.admin.auth).expect(200);
    const mine = report.body.vehicles.find((v: { vehicleId: string }) => v.vehicleId === vehicle.id);
    expect(mine.takeovers).toBe(2);
    expect(mine.autonomousKm).toBe(stats.body.total.km.autonomous);
    expect(mine.kmPerTakeover).toBeCloseTo(stats.body.total.km.autonomous / 2, 3);
    expect(mine.byInitiator.SAFETY_OPERATOR + mine.byInitiator.unclassified).toBe(2);
    const otherEnterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    const theirs = await http().get('/v1/disengagements').query(days).set(otherEnterprise.admin.auth).expect(200);
    expect(theirs.body.vehicles).toEqual([]);
  });
});
