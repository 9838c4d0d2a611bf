import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/core';
import { createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { addClosedFieldTest, createApplication, createOperator, NO_CONDITIONS, inDays } from './support/permit-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack, type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

describe('incidents', () => {
  let ctx: TestContext;
  let regulator: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  let vehicle: TestVehicle;
  let track: WirePoint[];
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
    vehicle = await createVehicle(ctx.api, enterprise);
    track = eastboundTrack({ count: 300, modeAt: (i) => (i < 200 ? 'AUTONOMOUS' : 'MANUAL') });
    await http().post('/v1/telemetry').set(vehicle.auth).send({ points: track }).expect(202);
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq === 300
        ? true
        : undefined,
    );
  });
  afterAll(() => ctx.close());

  const collision = (overrides: Record<string, unknown> = {}) => ({
    vehicleId: vehicle.id,
    kind: 'COLLISION',
    occurredAt: track[149].ts,
    lat: track[149].lat,
    lon: track[149].lon,
    parties: [{ kind: 'VEHICLE', description: 'white sedan, rear bumper' }],
    minorInjuries: 0,
    avAtFault: 'NO',
    narrative: 'A sedan braked hard in front of the AV at a junction.',
    ...overrides,
  });

  it('records a report with its deadline from the rule pack and the mode from telemetry, and refuses bad input', async () => {
    const bad = await http()
      .post('/v1/incidents')
      .set(enterprise.admin.auth)
      .send(collision({ lat: 95 }))
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'lat', reason: 'lat must not be greater than 90' }]);
    await http()
      .post('/v1/incidents')
      .set(enterprise.admin.auth)
      .send(collision({ occurredAt: new Date(Date.now() + 3600_000).toISOString() }))
      .expect(400);
    const stranger = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    await http().post('/v1/incidents').set(stranger.admin.auth).send(collision()).expect(404);

    const res = await http().post('/v1/incidents').set(enterprise.admin.auth).send(collision()).expect(201);
    const occurred = new Date(track[149].ts).getTime();
    expect(new Date(res.body.reportDueAt).getTime() - occurred).toBe(24 * 3600_000);
    expect(res.body).toMatchObject({
      modeAtTime: 'AUTONOMOUS',
      reportedLate: false,
      version: 1,
      suspensionRecommended: false,
    });
  });

  it('attaches the stored telemetry from 90 s before to 30 s after', async () => {
    const incident = (await http().post('/v1/incidents').set(enterprise.admin.auth).send(collision()).expect(201)).body;
    const window = await http().get(`/v1/incidents/${incident.id}/telemetry`).set(regulator.auth).expect(200);
    expect(window.body.windowSeconds).toEqual({ before: 90, after: 30 });
    const seqs = window.body.points.map((p: { seq: number }) => p.seq);
    expect(seqs[0]).toBe(150 - 90);
    expect(seqs[seqs.length - 1]).toBe(150 + 30);
    expect(seqs).toHaveLength(121);
  });

  it('keeps every earlier version when a report is amended', async () => {
    const incident = (await http().post('/v1/incidents').set(enterprise.admin.auth).send(collision()).expect(201)).body;
    const amended = await http()
      .patch(`/v1/incidents/${incident.id}`)
      .set(enterprise.admin.auth)
      .send({ minorInjuries: 1, reason: 'hospital report received' })
      .expect(200);
    expect(amended.body).toMatchObject({ version: 2, minorInjuries: 1 });
    const versions = await http().get(`/v1/incidents/${incident.id}/versions`).set(regulator.auth).expect(200);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({
      version: 1,
      amendmentReason: 'hospital report received',
      snapshot: { minorInjuries: 0 },
    });
  });

  it('makes an at-fault collision count against the manned-pilot prerequisite', async () => {
    const other = await createVehicle(ctx.api, enterprise);
    await addClosedFieldTest(ctx.api, enterprise, other.id);
    const operatorId = await createOperator(ctx.api, enterprise);
    await http()
      .post('/v1/recognitions')
      .set(regulator.auth)
      .send({
        vehicleId: other.id,
        sourceJurisdiction: 'CN-GD-GUANGZHOU',
        sourcePermitNumber: 'GZ-RT-2025-000001',
        autonomousKm: 1500,
        autonomousHours: 300,
      })
      .expect(201);
    const manned = await createApplication(ctx.api, enterprise, {
      kind: 'MANNED_PILOT',
      vehicleIds: [other.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(190),
      conditions: NO_CONDITIONS,
    });
    const record = async () =>
      (
        await http().get(`/v1/applications/${manned}/eligibility`).set(enterprise.admin.auth).expect(200)
      ).body.results.find(
        (r: { ruleId: string; check?: string }) => r.ruleId === 'CN-NAT-DEMO-PREREQ' && r.check === 'record',
      );
    expect((await record()).outcome).toBe('pass');
    await http()
      .post('/v1/incidents')
      .set(enterprise.admin.auth)
      .send(collision({ vehicleId: other.id, avAtFault: 'YES' }))
      .expect(201);
    const after = await record();
    expect(after.outcome).toBe('fail');
    expect(after.message.en).toMatch(/accident/i);
  });

  it('recommends suspension for a serious at-fault incident, which a regulator confirms', async () => {
    const car = await createVehicle(ctx.api, enterprise);
    const operatorId = await createOperator(ctx.api, enterprise);
    const id = await createApplication(ctx.api, enterprise, {
      kind: 'ROAD_TEST',
      vehicleIds: [car.id],
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(8),
      requestedTo: inDays(98),
      conditions: NO_CONDITIONS,
    });
    await http().post(`/v1/applications/${id}/submit`).set(enterprise.admin.auth).expect(200);
    await http().post(`/v1/applications/${id}/review`).set(regulator.auth).expect(200);
    const permit = (
      await http()
        .post(`/v1/applications/${id}/approve`)
        .set(regulator.auth)
        .send({ overrideReason: 'fixture for the incident test' })
        .expect(200)
    ).body.permit;

    const minor = (
      await http()
        .post('/v1/incidents')
        .set(enterprise.admin.auth)
        .send(collision({ vehicleId: car.id, avAtFault: 'YES' }))
        .expect(201)
    ).body;
    await http().post(`/v1/incidents/${minor.id}/suspend-permits`).set(regulator.auth).expect(409);
    const serious = (
      await http()
        .post('/v1/incidents')
        .set(enterprise.admin.auth)
        .send(collision({ vehicleId: car.id, avAtFault: 'YES', seriousInjuries: 1 }))
        .expect(201)
    ).body;
    expect(serious.suspensionRecommended).toBe(true);
    await http().post(`/v1/incidents/${serious.id}/suspend-permits`).set(enterprise.admin.auth).expect(403);
    const done = await http().post(`/v1/incidents/${serious.id}/suspend-permits`).set(regulator.auth).expect(200);
    expect(done.body.suspended.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [permit.id, 'SUSPENDED'],
    ]);
  });

  it('finds the vehicles that were within R metres of a place during a window', async () => {
    const at = track[100];
    const from = new Date(new Date(at.ts).getTime() - 5000).toISOString();
    const to = new Date(new Date(at.ts).getTime() + 5000).toISOString();
    const near = await http()
      .get('/v1/incidents/nearby')
      .query({ lat: at.lat, lon: at.lon, radiusM: 50, from, to })
      .set(regulator.auth)
      .expect(200);
    expect(near.body.map((v: { vehicleId: string }) => v.vehicleId)).toEqual([vehicle.id]);
    expect(near.body[0].closestMeters).toBeLessThan(1);
    const far = await http()
      .get('/v1/incidents/nearby')
      .query({ lat: at.lat + 0.01, lon: at.lon, radiusM: 50, from, to })
      .set(regulator.auth)
      .expect(200);
    expect(far.body).toEqual([]);
    await http()
      .get('/v1/incidents/nearby')
      .query({ lat: at.lat, lon: at.lon, radiusM: 50, from, to: new Date(Date.now() + 2 * 86_400_000).toISOString() })
      .set(regulator.auth)
      .expect(400);
    await http()
      .get('/v1/incidents/nearby')
      .query({ lat: at.lat, lon: at.lon, radiusM: 50, from, to })
      .set(enterprise.admin.auth)
      .expect(403);
  });

  interface AlertBody {
    id: string;
    type: string;
    status: string;
    incidentId: string | null;
    ruleId: string;
    note: string | null;
  }
  const alertsOf = async (type: string): Promise<AlertBody[]> =>
    (await http().get('/v1/alerts').query({ type, vehicleId: vehicle.id }).set(regulator.auth).expect(200)).body;

  it('raises an alert for each report filed after its deadline', async () => {
    const dayAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const first = await http()
      .post('/v1/incidents')
      .set(enterprise.admin.auth)
      .send(collision({ occurredAt: dayAgo(25) }))
      .expect(201);
    const second = await http()
      .post('/v1/incidents')
      .set(enterprise.admin.auth)
      .send(collision({ occurredAt: dayAgo(30) }))
      .expect(201);
    expect(first.body.reportedLate).toBe(true);
    const late = await alertsOf('INCIDENT_REPORTED_LATE');
    // One per incident: two late reports of one vehicle are two alerts.
    expect(late.map((a) => a.incidentId).sort()).toEqual([first.body.id, second.body.id].sort());
    expect(late[0]).toMatchObject({ status: 'OPEN', ruleId: 'CN-NAT-ACCIDENT' });
    const own = await http()
      .get('/v1/alerts')
      .query({ type: 'INCIDENT_REPORTED_LATE' })
      .set(enterprise.admin.auth)
      .expect(200);
    expect(own.body).toHaveLength(2);
    expect(own.body[0].message).toEqual({
      zh: '事故报告晚于报告期限',
      en: 'Incident reported after its reporting deadline',
    });
    const english = await http()
      .get('/v1/alerts')
      .query({ type: 'INCIDENT_REPORTED_LATE' })
      .set(enterprise.admin.auth)
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .expect(200);
    expect(english.headers['content-language']).toBe('en');
    expect(english.body[0].message).toBe('Incident reported after its reporting deadline');
    const other = await http()
      .get('/v1/alerts')
      .query({ type: 'INCIDENT_REPORTED_LATE' })
      .set(enterprise.admin.auth)
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(other.headers['content-language']).toBe('zh-CN');
    expect(other.body[0].message).toBe('事故报告晚于报告期限');
    const elsewhere = await http()
      .get('/v1/alerts')
      .query({ type: 'INCIDENT_REPORTED_LATE', jurisdictionCode: 'CN-BJ-YIZHUANG' })
      .set(regulator.auth)
      .expect(200);
    expect(elsewhere.body).toEqual([]);
  });

  it('moves the deadline when the time of an incident is corrected, judging lateness at the first report', async () => {
    const incident = (await http().post('/v1/incidents').set(enterprise.admin.auth).send(collision()).expect(201)).body;
    expect(incident.reportedLate).toBe(false);
    const earlier = new Date(Date.now() - 30 * 3600_000);
    const amended = await http()
      .patch(`/v1/incidents/${incident.id}`)
      .set(enterprise.admin.auth)
      .send({ occurredAt: earlier.toISOString(), reason: 'dashcam clock corrected' })
      .expect(200);
    expect(new Date(amended.body.reportDueAt).getTime()).toBe(earlier.getTime() + 24 * 3600_000);
    expect(amended.body.reportedLate).toBe(true);
    const late = await http().get('/v1/alerts').query({ incidentId: incident.id }).set(regulator.auth).expect(200);
    expect(late.body.map((a: AlertBody) => a.type)).toEqual(['INCIDENT_REPORTED_LATE']);
  });

  it('raises an overdue alert when an analysis report a regulator asked for is missing at its due date', async () => {
    const incident = (await http().post('/v1/incidents').set(enterprise.admin.auth).send(collision()).expect(201)).body;
    const ask = (body: Record<string, unknown>, auth = regulator.auth) =>
      http().post(`/v1/incidents/${incident.id}/analysis-request`).set(auth).send(body);
    const past = await ask({ dueAt: new Date(Date.now() - 1000).toISOString() }).expect(400);
    expect(past.body.errors).toEqual([{ field: 'dueAt', reason: 'must be in the future' }]);
    await ask({ dueAt: new Date(Date.now() + 3600_000).toISOString() }, enterprise.admin.auth).expect(403);

    const dueAt = new Date(Date.now() + 1500).toISOString();
    const asked = await ask({ dueAt, note: 'Explain the hard braking' }).expect(200);
    expect(asked.body).toMatchObject({ analysisDueAt: dueAt, analysisSubmittedAt: null });

    const scan = () =>
      ctx.worker!.get<Queue>(getQueueToken(QueueName.Maintenance)).add('maintenance.incident-deadlines', {});
    const overdueOfIncident = async () =>
      (await alertsOf('INCIDENT_ANALYSIS_OVERDUE')).filter((a) => a.incidentId === incident.id);
    await scan();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await overdueOfIncident()).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    await scan();
    const [overdue] = await waitFor(async () => {
      const found = await overdueOfIncident();
      return found.length > 0 ? found : undefined;
    });
    expect(overdue).toMatchObject({ status: 'OPEN', ruleId: 'BJ-ORD-32' });
    await scan();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await overdueOfIncident()).toHaveLength(1);

    const submit = (auth = enterprise.admin.auth) =>
      http()
        .post(`/v1/incidents/${incident.id}/analysis-report`)
        .set(auth)
        .send({ documentRef: 'doc-analysis-1', summary: 'Sensor fusion misjudged the gap.' });
    await http()
      .post(`/v1/incidents/${incident.id}/analysis-report`)
      .set(enterprise.admin.auth)
      .send({ documentRef: '', summary: 'x' })
      .expect(400);
    const submitted = await submit().expect(200);
    expect(submitted.body.analysisReportRef).toBe('doc-analysis-1');
    expect((await overdueOfIncident())[0]).toMatchObject({ status: 'RESOLVED', note: 'analysis report submitted' });
    await submit().expect(409);
    await ask({ dueAt: new Date(Date.now() + 3600_000).toISOString() }).expect(409);

    const trail = await http().get('/v1/audit').query({ entityId: incident.id }).set(enterprise.admin.auth).expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'incident.analysis-submitted',
      'incident.analysis-requested',
      'incident.reported',
    ]);
  });
});
