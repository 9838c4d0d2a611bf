import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/core';
import { createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import {
  createStaff,
  loginAdmin,
  registerEnterprise,
  type Session,
  type TestEnterprise,
} from './support/identity-helpers';
import {
  addClosedFieldTest,
  BASE_DOCUMENTS,
  createApplication,
  createOperator,
  failing,
  fileDocuments,
  NO_CONDITIONS,
  inDays,
} from './support/permit-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

describe('permits: applications, rule packs and notices', () => {
  let ctx: TestContext;
  let pingshan: Session;
  let beijing: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  let bjZones: Record<string, string>;
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', pingshan);
    zones = await createFixtureZones(ctx.api, pingshan, 'CN-SZ-PINGSHAN');
    bjZones = await createFixtureZones(ctx.api, beijing, 'CN-BJ-YIZHUANG');
  });
  afterAll(() => ctx.close());

  async function roadTestVehicle(
    owner: TestEnterprise = enterprise,
  ): Promise<{ vehicle: TestVehicle; operatorId: string }> {
    const vehicle = await createVehicle(ctx.api, owner);
    await addClosedFieldTest(ctx.api, owner, vehicle.id);
    return { vehicle, operatorId: await createOperator(ctx.api, owner) };
  }

  /** Files a road-test application with the base documents, submits it and starts its review. */
  async function roadTestUnderReview(vehicleIds: string[], operatorId: string, extra: Record<string, unknown> = {}) {
    const id = await createApplication(ctx.api, enterprise, {
      kind: 'ROAD_TEST',
      vehicleIds,
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(1),
      requestedTo: inDays(180),
      conditions: NO_CONDITIONS,
      ...extra,
    });
    await fileDocuments(ctx.api, enterprise.admin, id, BASE_DOCUMENTS);
    const submitted = (await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200)).body;
    await http().post(`/v1/applications/${id}/review`).set(pingshan.auth).expect(200);
    return { id, submitted };
  }

  async function approvedRoadTest(
    vehicleIds: string[],
    operatorId: string,
    period = { requestedFrom: inDays(1), requestedTo: inDays(180) },
  ) {
    const { id, submitted } = await roadTestUnderReview(vehicleIds, operatorId, period);
    const approved = await http()
      .post(`/v1/applications/${id}/approve`)
      .set(pingshan.auth)
      .send({ note: 'ok', overrideReason: submitted.eligible ? undefined : 'test fixture period in the past' })
      .expect(200);
    return {
      applicationId: id,
      submitted,
      permit: approved.body.permit as { id: string; noticeNumber: string; validTo: string; status: string },
    };
  }

  it('(a) Pingshan: a road test approved, 1000 km driven in the zone, and the manned pilot becomes eligible', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const { submitted, permit } = await approvedRoadTest([vehicle.id], operatorId);
    expect(failing(submitted.evaluation)).toEqual([]);
    expect(submitted.evaluation.packVersion).toMatch(/^CN-SZ-PINGSHAN@/);
    expect(permit.noticeNumber).toMatch(new RegExp(`^PS-RT-${inDays(1).slice(0, 4)}-\\d{6}$`));

    const manned = await createApplication(ctx.api, enterprise, {
      kind: 'MANNED_PILOT',
      vehicleIds: [vehicle.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(190),
      conditions: { ...NO_CONDITIONS, passengers: true, scenes: ['PASSENGER'] },
    });
    await fileDocuments(ctx.api, enterprise.admin, manned, [
      ...BASE_DOCUMENTS,
      { type: 'THIRD_PARTY_REVIEWED_PLAN' },
      { type: 'SEAT_INSURANCE', amountCny: 1_000_000 },
    ]);
    const before = (await http().get(`/v1/applications/${manned}/eligibility`).set(enterprise.admin.auth).expect(200))
      .body;
    const record = (e: typeof before) =>
      e.results.find(
        (r: { ruleId: string; check?: string }) => r.ruleId === 'CN-NAT-DEMO-PREREQ' && r.check === 'record',
      );
    expect(record(before).outcome).toBe('fail');
    expect(record(before).message.en).toMatch(/1000 km/);

    // ~1,020 km inside the district at ~245 km/h (below the 300 km/h jump limit), east and west.
    const start = Date.now() - 6 * 3600_000;
    const points: WirePoint[] = Array.from({ length: 15_000 }, (_, i) => {
      const leg = Math.floor(i / 150);
      const step = i % 150;
      const lon = leg % 2 === 0 ? 114.32 + step * 0.00066 : 114.32 + (150 - step) * 0.00066;
      return {
        seq: i + 1,
        ts: start + i * 1000,
        lat: 22.7 + (leg % 5) * 0.002,
        lon,
        speedKmh: 245,
        headingDeg: leg % 2 === 0 ? 90 : 270,
        mode: 'AUTONOMOUS',
      };
    });
    for (let i = 0; i < points.length; i += 1000) {
      await http()
        .post('/v1/telemetry')
        .set(vehicle.auth)
        .send({ points: points.slice(i, i + 1000) })
        .expect(202);
    }
    await waitFor(
      async () =>
        (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq === 15_000
          ? true
          : undefined,
      60_000,
    );

    const after = (await http().get(`/v1/applications/${manned}/eligibility`).set(enterprise.admin.auth).expect(200))
      .body;
    expect(record(after).outcome).toBe('pass');
    expect(failing(after)).toEqual([]);
    expect(after.eligible).toBe(true);
  });

  it('(b) Beijing: a driverless pilot without a cybersecurity test is ineligible, citing the driverless rules', async () => {
    const bjEnterprise = await registerEnterprise(ctx.api, 'CN-BJ-YIZHUANG', beijing);
    const vehicle = await createVehicle(ctx.api, bjEnterprise, { plate: '京A12345试' });
    await addClosedFieldTest(ctx.api, bjEnterprise, vehicle.id);
    const remote = await createOperator(ctx.api, bjEnterprise, { remoteQualified: true });
    const id = await createApplication(ctx.api, bjEnterprise, {
      kind: 'DRIVERLESS_PILOT',
      vehicleIds: [vehicle.id],
      operatorIds: [],
      remoteOperatorIds: [remote],
      zoneIds: [bjZones['BJ-DRIVERLESS-20']],
      requestedFrom: inDays(8),
      requestedTo: inDays(190),
      conditions: NO_CONDITIONS,
      requestedDriverlessStage: 'FRONT_PASSENGER_OFFICER',
    });
    await fileDocuments(ctx.api, bjEnterprise.admin, id, BASE_DOCUMENTS);
    const submitted = (await http().post(`/v1/applications/${id}/submit`).set(bjEnterprise.admin.auth).expect(200))
      .body;
    expect(submitted.eligible).toBe(false);
    const cyber = submitted.evaluation.results.find((r: { ruleId: string }) => r.ruleId === 'SEED-BJ-DL');
    expect(cyber.outcome).not.toBe('pass');
    expect(cyber.citation.document).toContain('无人化道路测试管理实施细则');
    expect(cyber.message.zh.length).toBeGreaterThan(0);
    expect(submitted.evaluation.packVersion).toMatch(/^CN-BJ-YIZHUANG@/);

    // Filing the test moves exactly that rule to pass.
    await http().post(`/v1/applications/${id}/review`).set(beijing.auth).expect(200);
    await http()
      .post(`/v1/applications/${id}/request-changes`)
      .set(beijing.auth)
      .send({ reason: 'cybersecurity test missing' })
      .expect(200);
    await fileDocuments(ctx.api, bjEnterprise.admin, id, [{ type: 'CYBERSECURITY_TEST' }]);
    const again = (await http().post(`/v1/applications/${id}/submit`).set(bjEnterprise.admin.auth).expect(200)).body;
    expect(again.evaluation.results.find((r: { ruleId: string }) => r.ruleId === 'SEED-BJ-DL').outcome).toBe('pass');
  });

  it('(c) a Beijing regulator can neither see nor decide a Pingshan application', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const id = await createApplication(ctx.api, enterprise, {
      kind: 'ROAD_TEST',
      vehicleIds: [vehicle.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(98),
      conditions: NO_CONDITIONS,
    });
    await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200);
    await http().get(`/v1/applications/${id}`).set(beijing.auth).expect(404);
    await http().post(`/v1/applications/${id}/review`).set(beijing.auth).expect(404);
    await http()
      .post(`/v1/applications/${id}/approve`)
      .set(beijing.auth)
      .send({ overrideReason: 'not my jurisdiction at all' })
      .expect(404);
    await http().post(`/v1/applications/${id}/reject`).set(beijing.auth).send({ reason: 'no' }).expect(404);
    const seen = await http().get(`/v1/applications/${id}`).set(pingshan.auth).expect(200);
    expect(seen.body.status).toBe('SUBMITTED');
  });

  it('(d) a permit expires on schedule, recorded as a system action', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const { permit } = await approvedRoadTest([vehicle.id], operatorId, {
      requestedFrom: '2025-01-01',
      requestedTo: '2025-03-01',
    });
    expect(permit.status).toBe('ACTIVE');
    const queue = ctx.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));
    await queue.add('maintenance.expire-permits', {});
    const expired = await waitFor(async () => {
      const res = await http().get(`/v1/permits/${permit.id}`).set(pingshan.auth).expect(200);
      return res.body.status === 'EXPIRED' ? res.body : undefined;
    });
    expect(expired.statusReason).toBe('validity ended 2025-03-01');
    const admin = await loginAdmin(ctx.api);
    const audit = await http().get('/v1/audit').query({ entityId: permit.id }).set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'permit.expired', actorRole: 'SYSTEM', actorId: null });
  });

  it('requires an override reason to approve an ineligible application, and guards every transition', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    const operatorId = await createOperator(ctx.api, enterprise);
    const id = await createApplication(ctx.api, enterprise, {
      kind: 'ROAD_TEST',
      vehicleIds: [vehicle.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(98),
      conditions: NO_CONDITIONS,
    });
    const early = await http().post(`/v1/applications/${id}/approve`).set(pingshan.auth).send({}).expect(409);
    expect(early.body).toMatchObject({ type: '/problems/illegal-transition', currentState: 'DRAFT' });
    const submitted = (await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200)).body;
    expect(submitted.eligible).toBe(false);
    expect(failing(submitted.evaluation)).toEqual(expect.arrayContaining(['CN-NAT-CLOSED:needs_evidence']));
    await http()
      .patch(`/v1/applications/${id}`)
      .set(enterprise.admin.auth)
      .send({ requestedTo: inDays(128) })
      .expect(409);
    await http().post(`/v1/applications/${id}/review`).set(pingshan.auth).expect(200);
    const refused = await http().post(`/v1/applications/${id}/approve`).set(pingshan.auth).send({}).expect(409);
    expect(refused.body.type).toBe('/problems/not-eligible');
    expect(refused.body.failingRules).toContain('CN-NAT-CLOSED');
    const approved = await http()
      .post(`/v1/applications/${id}/approve`)
      .set(pingshan.auth)
      .send({ overrideReason: 'closed-field report filed on paper, checked in person' })
      .expect(200);
    expect(approved.body.application.overrideReason).toBe('closed-field report filed on paper, checked in person');
    await http().post(`/v1/applications/${id}/withdraw`).set(enterprise.admin.auth).expect(409);

    const permitId = approved.body.permit.id as string;
    await http().post(`/v1/permits/${permitId}/reinstate`).set(pingshan.auth).send({ reason: 'x' }).expect(409);
    await http().post(`/v1/permits/${permitId}/suspend`).set(enterprise.admin.auth).send({ reason: 'x' }).expect(403);
    expect(
      (
        await http()
          .post(`/v1/permits/${permitId}/suspend`)
          .set(pingshan.auth)
          .send({ reason: 'incident under investigation' })
          .expect(200)
      ).body.status,
    ).toBe('SUSPENDED');
    expect(
      (
        await http()
          .post(`/v1/permits/${permitId}/reinstate`)
          .set(pingshan.auth)
          .send({ reason: 'cleared' })
          .expect(200)
      ).body.status,
    ).toBe('ACTIVE');
    expect(
      (
        await http()
          .post(`/v1/permits/${permitId}/revoke`)
          .set(pingshan.auth)
          .send({ reason: 'serious violation' })
          .expect(200)
      ).body.status,
    ).toBe('REVOKED');
    const final = await http()
      .post(`/v1/permits/${permitId}/reinstate`)
      .set(pingshan.auth)
      .send({ reason: 'x' })
      .expect(409);
    expect(final.body.currentState).toBe('REVOKED');
    const admin = await loginAdmin(ctx.api);
    const actions = (
      await http().get('/v1/audit').query({ entityId: permitId }).set(admin.auth).expect(200)
    ).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['permit.revoked', 'permit.reinstated', 'permit.suspended', 'permit.issued']);
  });

  it('adds vehicles of identical configuration to a permit, and refuses a different one', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const { permit } = await approvedRoadTest([vehicle.id], operatorId);
    const twin = await createVehicle(ctx.api, enterprise);
    await addClosedFieldTest(ctx.api, enterprise, twin.id);
    const { id: add } = await roadTestUnderReview([twin.id], operatorId, { addsToPermitId: permit.id });
    const added = await http().post(`/v1/applications/${add}/approve`).set(pingshan.auth).send({}).expect(200);
    expect(added.body.permit.id).toBe(permit.id);
    const withVehicles = await http().get(`/v1/permits/${permit.id}`).set(enterprise.admin.auth).expect(200);
    expect(withVehicles.body.vehicles.map((v: { vehicleId: string }) => v.vehicleId).sort()).toEqual(
      [vehicle.id, twin.id].sort(),
    );

    const other = await createVehicle(ctx.api, enterprise, {
      configuration: { make: 'Other', model: 'X', adsSoftwareVersion: '9', sensorSuite: ['camera x1'] },
    });
    await addClosedFieldTest(ctx.api, enterprise, other.id);
    const { id: odd, submitted } = await roadTestUnderReview([other.id], operatorId, { addsToPermitId: permit.id });
    expect(failing(submitted.evaluation).some((f) => f.startsWith('CN-NAT-ADD-VEH'))).toBe(true);
    const refused = await http()
      .post(`/v1/applications/${odd}/approve`)
      .set(pingshan.auth)
      .send({ overrideReason: 'trying anyway for the test' })
      .expect(409);
    expect(refused.body.type).toBe('/problems/configuration-differs');
  });

  it('counts mileage recognised from another jurisdiction, and says so in the evaluation', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    await approvedRoadTest([vehicle.id], operatorId);
    const manned = await createApplication(ctx.api, enterprise, {
      kind: 'MANNED_PILOT',
      vehicleIds: [vehicle.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(190),
      conditions: NO_CONDITIONS,
    });
    await http()
      .post('/v1/recognitions')
      .set(pingshan.auth)
      .send({
        vehicleId: vehicle.id,
        sourceJurisdiction: 'CN-GD-GUANGZHOU',
        sourcePermitNumber: 'GZ-RT-2025-000042',
        autonomousKm: 1500,
        autonomousHours: 80,
      })
      .expect(201);
    await http()
      .post('/v1/recognitions')
      .set(beijing.auth)
      .send({
        vehicleId: vehicle.id,
        sourceJurisdiction: 'CN-XX',
        sourcePermitNumber: 'XX-1',
        autonomousKm: 1,
        autonomousHours: 1,
      })
      .expect(404);
    const evaluation = (
      await http().get(`/v1/applications/${manned}/eligibility`).set(enterprise.admin.auth).expect(200)
    ).body;
    const record = evaluation.results.find(
      (r: { ruleId: string; check?: string }) => r.ruleId === 'CN-NAT-DEMO-PREREQ' && r.check === 'record',
    );
    expect(record.outcome).toBe('pass');
    expect(record.recognizedFacts?.length).toBeGreaterThan(0);
  });

  it('publishes active notices without personal data', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const { permit } = await approvedRoadTest([vehicle.id], operatorId);
    const register = await http().get('/v1/public/permits').query({ jurisdictionCode: 'CN-SZ-PINGSHAN' }).expect(200);
    const entry = register.body.find((p: { noticeNumber: string }) => p.noticeNumber === permit.noticeNumber);
    expect(entry).toMatchObject({
      kind: 'ROAD_TEST',
      vehicleCount: 1,
      zones: ['PS-WHOLE-DISTRICT'],
      validTo: inDays(180),
    });
    expect(Object.keys(entry).sort()).toEqual([
      'conditions',
      'enterprise',
      'jurisdictionCode',
      'kind',
      'noticeNumber',
      'validFrom',
      'validTo',
      'vehicleCount',
      'zones',
    ]);
    const text = JSON.stringify(register.body);
    expect(text).not.toMatch(/vin|operator|identity|@/i);
  });

  it('renews a permit with a new notice linked to the old one', async () => {
    const { vehicle, operatorId } = await roadTestVehicle();
    const { permit } = await approvedRoadTest([vehicle.id], operatorId);
    const { id: renewal } = await roadTestUnderReview([vehicle.id], operatorId, {
      requestedFrom: inDays(181),
      requestedTo: inDays(545),
      renewsPermitId: permit.id,
    });
    const renewed = (await http().post(`/v1/applications/${renewal}/approve`).set(pingshan.auth).send({}).expect(200))
      .body.permit;
    expect(renewed).toMatchObject({ renewsPermitId: permit.id, validFrom: inDays(181), validTo: inDays(545) });
    expect(renewed.noticeNumber).toMatch(new RegExp(`^PS-RT-${inDays(181).slice(0, 4)}-\\d{6}$`));
    const admin = await loginAdmin(ctx.api);
    const audit = await http().get('/v1/audit').query({ entityId: renewed.id }).set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'permit.renewed',
      summary: { after: { renews: permit.noticeNumber } },
    });
  });
});
