import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Session, type TestEnterprise, validSafetyOperator } from './identity-helpers';

export const BASE_DOCUMENTS = [
  { type: 'COMPULSORY_INSURANCE' },
  { type: 'LIABILITY_INSURANCE', amountCny: 5_000_000 },
  { type: 'EVALUATION_PROCEDURE' },
  { type: 'REMOTE_MONITORING_CAPABILITY' },
  { type: 'EVENT_RECORDING_CAPABILITY' },
  { type: 'CYBERSECURITY_ASSESSMENT' },
] as const;

export const NO_CONDITIONS = {
  night: false,
  adverseWeather: false,
  expressway: false,
  passengers: false,
  cargo: false,
  scenes: [],
};

export async function createOperator(
  app: INestApplication,
  enterprise: TestEnterprise,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/v1/safety-operators')
    .set(enterprise.admin.auth)
    .send(validSafetyOperator({ trainingCertificateRef: 'TRAIN-2026-001', ...overrides }))
    .expect(201);
  return res.body.id as string;
}

export async function addClosedFieldTest(
  app: INestApplication,
  enterprise: TestEnterprise,
  vehicleId: string,
  km = 2600,
): Promise<void> {
  await request(app.getHttpServer())
    .post(`/v1/vehicles/${vehicleId}/closed-field-tests`)
    .set(enterprise.admin.auth)
    .send({ km, site: 'Bay-area closed test field', testedOn: '2026-06-01', reportRef: 'CFT-1' })
    .expect(201);
}

export async function fileDocuments(
  app: INestApplication,
  session: Session,
  applicationId: string,
  documents: readonly { type: string; amountCny?: number }[],
): Promise<void> {
  for (const [i, document] of documents.entries()) {
    await request(app.getHttpServer())
      .post(`/v1/applications/${applicationId}/documents`)
      .set(session.auth)
      .send({
        ...document,
        fileName: `${document.type.toLowerCase()}-${i}.pdf`,
        mediaType: 'application/pdf',
        contentBase64: Buffer.from(`%PDF ${document.type} ${i}`).toString('base64'),
      })
      .expect(201);
  }
}

export async function createApplication(
  app: INestApplication,
  enterprise: TestEnterprise,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/v1/applications')
    .set(enterprise.admin.auth)
    .send(body)
    .expect(201);
  return res.body.id as string;
}

/** Failing rule ids of an evaluation, to make assertion messages say why. */
export const failing = (evaluation: { results: { ruleId: string; check?: string; outcome: string }[] }): string[] =>
  evaluation.results
    .filter((r) => r.outcome !== 'pass')
    .map((r) => `${r.ruleId}${r.check ? `/${r.check}` : ''}:${r.outcome}`);

/** A calendar date this many days from today (UTC), so fixtures never fall into the past. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Files, submits and approves an application (with an override, so fixtures need not be eligible). */
export async function issuePermit(
  app: INestApplication,
  enterprise: TestEnterprise,
  regulator: Session,
  body: Record<string, unknown>,
): Promise<{ id: string; noticeNumber: string; kind: string }> {
  const http = () => request(app.getHttpServer());
  const id = await createApplication(app, enterprise, body);
  await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200);
  await http().post(`/v1/applications/${id}/review`).set(regulator.auth).expect(200);
  const approved = await http()
    .post(`/v1/applications/${id}/approve`)
    .set(regulator.auth)
    .send({ overrideReason: 'test fixture' })
    .expect(200);
  return approved.body.permit as { id: string; noticeNumber: string; kind: string };
}
