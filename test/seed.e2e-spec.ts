import request from 'supertest';
import { seedDemoIdentity } from '../seeds/demo-identity.seed';
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
});
