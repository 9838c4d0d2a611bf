import request from 'supertest';
import {
  createStaff,
  login,
  loginAdmin,
  PASSWORD,
  registerEnterprise,
  uniqueCreditCode,
  validSafetyOperator,
} from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';

describe('identity: enterprises, accounts, sessions and safety operators', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestContext({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
  });
  afterAll(() => ctx.close());
  const http = () => request(ctx.api.getHttpServer());

  describe('registration', () => {
    const body = (overrides: Record<string, unknown>) => ({
      name: 'Shenzhen Robotaxi Co.',
      creditCode: uniqueCreditCode(),
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      contact: { name: 'Li', phone: '13800138000', email: 'li@robotaxi.test' },
      admin: {
        email: `owner-${Date.now()}@robotaxi.test`,
        displayName: 'Owner',
        password: PASSWORD,
      },
      ...overrides,
    });

    it('rejects a credit code with a wrong check character, naming the field and the right character', async () => {
      const res = await http()
        .post('/v1/enterprises')
        .send(body({ creditCode: '914403001922038217' }))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/validation-failed');
      expect(res.body.errors).toEqual([
        { field: 'creditCode', reason: 'creditCode check character must be 6 (GB 32100)' },
      ]);
    });

    it('names nested fields, unknown fields and unknown jurisdictions', async () => {
      const nested = await http()
        .post('/v1/enterprises')
        .send(body({ admin: { email: 'x@y.test', displayName: 'X', password: 'short' } }))
        .expect(400);
      expect(nested.body.errors.map((e: { field: string }) => e.field)).toEqual(['admin.password']);
      const unknown = await http()
        .post('/v1/enterprises')
        .send(body({ isAdmin: true }))
        .expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'isAdmin', reason: 'property isAdmin should not exist' }]);
      const jurisdiction = await http()
        .post('/v1/enterprises')
        .send(body({ jurisdictionCode: 'CN-XX' }))
        .expect(400);
      expect(jurisdiction.body.errors[0].field).toBe('jurisdictionCode');
    });

    it('registers pending verification, and refuses the same credit code twice in a jurisdiction', async () => {
      const first = body({});
      const res = await http().post('/v1/enterprises').send(first).expect(201);
      expect(res.body.enterprise).toMatchObject({
        status: 'PENDING_VERIFICATION',
        creditCode: first.creditCode,
      });
      expect(res.body.admin).toMatchObject({
        role: 'ENTERPRISE_ADMIN',
        enterpriseId: res.body.enterprise.id,
      });
      expect(res.body.admin.passwordHash).toBeUndefined();
      const again = await http()
        .post('/v1/enterprises')
        .send(body({ creditCode: first.creditCode }))
        .expect(409);
      expect(again.body.type).toBe('/problems/enterprise-exists');
    });
  });

  describe('verification by regulators', () => {
    it('lets a regulator of the jurisdiction verify once, and hides the enterprise from another jurisdiction', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
      await http().post(`/v1/enterprises/${enterprise.id}/verify`).set(beijing.auth).send({}).expect(404);

      const pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
      const verified = await http()
        .post(`/v1/enterprises/${enterprise.id}/verify`)
        .set(pingshan.auth)
        .send({ note: 'documents checked' })
        .expect(200);
      expect(verified.body).toMatchObject({
        status: 'VERIFIED',
        decisionNote: 'documents checked',
      });

      const twice = await http()
        .post(`/v1/enterprises/${enterprise.id}/verify`)
        .set(pingshan.auth)
        .send({})
        .expect(409);
      expect(twice.body).toMatchObject({
        type: '/problems/illegal-transition',
        currentState: 'VERIFIED',
      });
    });

    it('refuses verification by roles other than regulator', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const res = await http()
        .post(`/v1/enterprises/${enterprise.id}/verify`)
        .set(enterprise.admin.auth)
        .send({})
        .expect(403);
      expect(res.body.type).toBe('/problems/forbidden');
      const auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
      await http().post(`/v1/enterprises/${enterprise.id}/verify`).set(auditor.auth).send({}).expect(403);
    });
  });

  describe('sessions', () => {
    it('signs in, rotates refresh tokens, and revokes the family when a rotated token is reused', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const me = await http().get('/v1/auth/me').set(enterprise.admin.auth).expect(200);
      expect(me.body.email).toBe(enterprise.adminEmail);

      const rotated = await http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: enterprise.admin.refreshToken })
        .expect(200);
      expect(rotated.body.refreshToken).not.toBe(enterprise.admin.refreshToken);

      const reuse = await http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: enterprise.admin.refreshToken })
        .expect(401);
      expect(reuse.body.type).toBe('/problems/refresh-token-reused');
      // The whole family is gone: the newest refresh token and the session's access tokens too.
      await http().post('/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
      await http()
        .get('/v1/auth/me')
        .set({ Authorization: `Bearer ${rotated.body.accessToken}` })
        .expect(401);
      await http().get('/v1/auth/me').set(enterprise.admin.auth).expect(401);
    });

    it('logout ends the session at once', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      await http()
        .post('/v1/auth/logout')
        .set(enterprise.admin.auth)
        .send({ refreshToken: enterprise.admin.refreshToken })
        .expect(204);
      await http().get('/v1/auth/me').set(enterprise.admin.auth).expect(401);
      await http().post('/v1/auth/refresh').send({ refreshToken: enterprise.admin.refreshToken }).expect(401);
    });

    it('refuses tampered, foreign and missing tokens with 401 problem+json', async () => {
      const session = await loginAdmin(ctx.api);
      const [header, payload, signature] = session.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, role: 'REGULATOR' })).toString('base64url');
      const tampered = await http()
        .get('/v1/auth/me')
        .set({ Authorization: `Bearer ${header}.${forged}.${signature}` })
        .expect(401);
      expect(tampered.body.type).toBe('/problems/invalid-token');
      const missing = await http().get('/v1/auth/me').expect(401);
      expect(missing.body.type).toBe('/problems/missing-credentials');
    });

    it('limits failed sign-ins per account with 429 and Retry-After', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      for (let i = 0; i < 3; i += 1) {
        await http()
          .post('/v1/auth/login')
          .send({ email: enterprise.adminEmail, password: 'wrong-password-123' })
          .expect(401);
      }
      const limited = await http()
        .post('/v1/auth/login')
        .send({ email: enterprise.adminEmail, password: PASSWORD })
        .expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.type).toBe('/problems/rate-limited');
    });
  });

  describe('invitations', () => {
    it('lets an enterprise admin invite an operator, who then cannot invite in turn', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const email = `operator-${Date.now()}@enterprise.test`;
      const invitation = await http()
        .post(`/v1/enterprises/${enterprise.id}/invitations`)
        .set(enterprise.admin.auth)
        .send({ email, displayName: 'Operator', role: 'ENTERPRISE_OPERATOR' })
        .expect(201);
      expect(invitation.body.token).toMatch(/^inv_/);
      const account = await http()
        .post('/v1/auth/invitations/accept')
        .send({ token: invitation.body.token, password: PASSWORD })
        .expect(201);
      expect(account.body).toMatchObject({
        email,
        role: 'ENTERPRISE_OPERATOR',
        enterpriseId: enterprise.id,
      });
      await http()
        .post('/v1/auth/invitations/accept')
        .send({ token: invitation.body.token, password: PASSWORD })
        .expect(401);

      const operator = await login(ctx.api, email);
      await http()
        .post(`/v1/enterprises/${enterprise.id}/invitations`)
        .set(operator.auth)
        .send({
          email: 'another@enterprise.test',
          displayName: 'Another',
          role: 'ENTERPRISE_ADMIN',
        })
        .expect(403);
    });
  });

  describe('safety operators', () => {
    it('validates the identity number checksum and only ever shows it masked', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const bad = await http()
        .post('/v1/safety-operators')
        .set(enterprise.admin.auth)
        .send(validSafetyOperator({ identityNumber: '110105194912310021' }))
        .expect(400);
      expect(bad.body.errors).toEqual([
        { field: 'identityNumber', reason: 'identityNumber check character must be X (GB 11643)' },
      ]);

      const input = validSafetyOperator();
      const created = await http().post('/v1/safety-operators').set(enterprise.admin.auth).send(input).expect(201);
      const number = input.identityNumber as string;
      expect(created.body.identityNumber).toBe(`${number.slice(0, 6)}********${number.slice(14)}`);
      expect(created.body.birthDate).toBe('1990-01-01');
      expect(JSON.stringify(created.body)).not.toContain(number);

      const fetched = await http()
        .get(`/v1/safety-operators/${created.body.id}`)
        .set(enterprise.admin.auth)
        .expect(200);
      expect(fetched.body.identityNumber).toBe(created.body.identityNumber);
      const duplicate = await http()
        .post('/v1/safety-operators')
        .set(enterprise.admin.auth)
        .send({ ...input, name: 'Other' })
        .expect(409);
      expect(duplicate.body.type).toBe('/problems/safety-operator-exists');

      const updated = await http()
        .patch(`/v1/safety-operators/${created.body.id}`)
        .set(enterprise.admin.auth)
        .send({ adTrainingHours: 75.5 })
        .expect(200);
      expect(updated.body.adTrainingHours).toBe(75.5);
    });

    it('shows a jurisdiction’s operators to its regulators and no one else’s', async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const created = await http()
        .post('/v1/safety-operators')
        .set(enterprise.admin.auth)
        .send(validSafetyOperator())
        .expect(201);
      const pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
      await http().get(`/v1/safety-operators/${created.body.id}`).set(pingshan.auth).expect(200);
      const beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
      await http().get(`/v1/safety-operators/${created.body.id}`).set(beijing.auth).expect(404);
      const list = await http().get('/v1/safety-operators').set(beijing.auth).expect(200);
      expect(list.body.map((o: { id: string }) => o.id)).not.toContain(created.body.id);
    });
  });
});
