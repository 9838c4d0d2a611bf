import { type INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { creditCodeCheckCharacter, identityCheckCharacter } from '@app/identity';
import { TEST_ADMIN } from './test-context';

export const PASSWORD = 'correct-horse-battery';

export function uniqueCreditCode(): string {
  const first17 = `91440310MA${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0').slice(-7)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export function uniqueIdentityNumber(): string {
  const first17 = `44031019900101${String(randomBytes(2).readUInt16BE(0) % 1000).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
}

export interface Session {
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(app: INestApplication, email: string, password = PASSWORD): Promise<Session> {
  const res = await request(app.getHttpServer()).post('/v1/auth/login').send({ email, password }).expect(200);
  const body = res.body as { accessToken: string; refreshToken: string };
  return {
    token: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

export const loginAdmin = (app: INestApplication): Promise<Session> =>
  login(app, TEST_ADMIN.email, TEST_ADMIN.password);

export interface TestEnterprise {
  id: string;
  jurisdictionCode: string;
  admin: Session;
  adminEmail: string;
}

/** Registers an enterprise through the API and signs its admin in. */
export async function registerEnterprise(
  app: INestApplication,
  jurisdictionCode = 'CN-SZ-PINGSHAN',
  verifiedBy?: Session,
): Promise<TestEnterprise> {
  const tag = randomBytes(4).toString('hex');
  const adminEmail = `admin-${tag}@enterprise.test`;
  const res = await request(app.getHttpServer())
    .post('/v1/enterprises')
    .send({
      name: `Test Mobility ${tag}`,
      creditCode: uniqueCreditCode(),
      jurisdictionCode,
      contact: { name: 'Contact', phone: '13800138000', email: `contact-${tag}@enterprise.test` },
      admin: { email: adminEmail, displayName: 'Admin', password: PASSWORD },
    })
    .expect(201);
  const id = (res.body as { enterprise: { id: string } }).enterprise.id;
  if (verifiedBy)
    await request(app.getHttpServer()).post(`/v1/enterprises/${id}/verify`).set(verifiedBy.auth).send({}).expect(200);
  return { id, jurisdictionCode, adminEmail, admin: await login(app, adminEmail) };
}

/** Creates a regulator, auditor or platform admin through the invitation flow and signs it in. */
export async function createStaff(
  app: INestApplication,
  role: 'REGULATOR' | 'AUDITOR' | 'PLATFORM_ADMIN',
  jurisdictionCode?: string,
): Promise<Session> {
  const admin = await loginAdmin(app);
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@regulator.test`;
  const invitation = await request(app.getHttpServer())
    .post('/v1/staff/invitations')
    .set(admin.auth)
    .send({ email, displayName: role, role, jurisdictionCode })
    .expect(201);
  await request(app.getHttpServer())
    .post('/v1/auth/invitations/accept')
    .send({ token: (invitation.body as { token: string }).token, password: PASSWORD })
    .expect(201);
  return login(app, email);
}

export function validSafetyOperator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '张三',
    identityNumber: uniqueIdentityNumber(),
    licenceClass: 'C1',
    firstLicensedOn: '2015-06-01',
    adTrainingHours: 60,
    noFullScoreInLastThreeCycles: true,
    noDrinkOrDrugDriving: true,
    noSeriousAtFaultAccident: true,
    noSeriousViolationLastYear: true,
    ...overrides,
  };
}
