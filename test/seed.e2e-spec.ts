import request from 'supertest';
import { seedDemoVehicles, seedZones } from '../seeds/demo-fleet.seed';
import { DEMO_ENTERPRISE_COUNT, seedDemoIdentity } from '../seeds/demo-identity.seed';
import { seedDemoPermits, seedPingshanScale } from '../seeds/pingshan-scale.seed';
import { startTestContext, type TestContext } from './support/test-context';

describe('demo seed (real PostgreSQL)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestContext();
  });
  afterAll(() => ctx.close());

  const signIn = (email: string, password: string) =>
    request(ctx.api.getHttpServer()).post('/v1/auth/login').send({ email, password });

  it('is idempotent, and the printed password works on a database seeded from another checkout', async () => {
    const first = await seedDemoIdentity(ctx.api, 'first-checkout-password');
    const accountsAfterFirst = await ctx.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM user_accounts');

    const second = await seedDemoIdentity(ctx.api, 'second-checkout-password');
    const accountsAfterSecond = await ctx.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM user_accounts');

    expect(second).toEqual(first);
    expect(accountsAfterSecond[0].n).toBe(accountsAfterFirst[0].n);
    for (const { email } of second) {
      await signIn(email, 'second-checkout-password').expect(200);
      await signIn(email, 'first-checkout-password').expect(401);
    }
    const audited = await ctx.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM audit_entries WHERE action = 'account.demo_password_set'`,
    );
    expect(Number(audited[0].n)).toBe(second.length);
  });

  it('reproduces the Pingshan platform scale, and running it again changes nothing', async () => {
    const password = 'scale-seed-password';
    const seedAll = async () => {
      await seedDemoIdentity(ctx.api, password);
      await seedZones(ctx.api);
      const demo = await seedDemoVehicles(ctx.api);
      await seedDemoPermits(ctx.api, demo);
      return [...demo, ...(await seedPingshanScale(ctx.api, password, DEMO_ENTERPRISE_COUNT + 1))];
    };
    const vehicles = await seedAll();
    const regulator = await signIn('regulator.pingshan@demo.local', password).expect(200);
    const stats = async () =>
      (
        await request(ctx.api.getHttpServer())
          .get('/v1/stats')
          .set('Authorization', `Bearer ${regulator.body.accessToken}`)
          .expect(200)
      ).body.jurisdictions[0];
    const first = await stats();
    expect(first).toMatchObject({
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      enterprisesConnected: 12,
      vehicles: { connected: 205, byStage: { CLOSED_FIELD_TEST: 35, OPEN_ROAD_TEST: 63, DEMONSTRATION: 107 } },
    });
    expect(first.notices.byKind.ROAD_TEST.active).toBeGreaterThan(0);
    expect(first.notices.byKind.MANNED_PILOT.active).toBeGreaterThan(0);
    // Every seeded vehicle can post telemetry with the token the seed saved for it.
    const sample = vehicles[vehicles.length - 1];
    await request(ctx.api.getHttpServer())
      .get('/v1/telemetry/watermark')
      .set('Authorization', `Bearer ${sample.token}`)
      .expect(200);

    const again = await seedAll();
    expect(again.map((v) => v.id)).toEqual(vehicles.map((v) => v.id));
    expect(await stats()).toEqual(first);
  });
});
