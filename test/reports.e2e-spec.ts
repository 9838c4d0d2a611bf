import { parse } from 'csv-parse/sync';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { canonicalJson } from '@app/audit';
import { QueueName } from '@app/core';
import { createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { createApplication, createOperator, inDays, NO_CONDITIONS } from './support/permit-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack, type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

interface Figures {
  autonomousKm: number;
  manualKm: number;
  remoteKm: number;
  autonomousHours: number;
  manualHours: number;
  takeovers: number;
  kmPerTakeover: number | null;
  alertsOpened: number;
  alertsByType: Record<string, number>;
  trips: number;
  passengers: number;
  revenueCny: number;
}

interface ReportBody {
  id: string;
  kind: string;
  period: string;
  contentSha256: string;
  generation: number;
  content: {
    header: { rules: { id: string }[]; title: { zh: string; en: string } };
    rows: (Figures & Record<string, unknown>)[];
    totals: Figures & Record<string, number>;
  };
}

/** The CSV as a spreadsheet reads it back (csv-parse, byte order mark dropped). */
const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });

describe('reports', () => {
  let ctx: TestContext;
  let regulator: Session;
  let auditor: Session;
  let beijing: Session;
  let enterprise: TestEnterprise;
  let other: TestEnterprise;
  let zones: Record<string, string>;
  let vehicle: TestVehicle;
  let permit: { id: string; noticeNumber: string };
  let track: WirePoint[];
  const http = () => request(ctx.api.getHttpServer());
  // Months and half-years are calendar periods in China time (both jurisdictions are UTC+8).
  const chinaTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString();
  let month: string;

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true, env: { REPORTS_FILING_DAY: '15' } });
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');

    vehicle = await createVehicle(ctx.api, enterprise);
    permit = await permitFor(enterprise, 'MANNED_PILOT', [vehicle.id], { passengers: true, scenes: ['PASSENGER'] });
    // Takeovers at seq 101 (to MANUAL) and 201 (to REMOTE); then a leap south out of the district.
    track = eastboundTrack({
      count: 300,
      endMsAgo: 120_000,
      modeAt: (i) => (i >= 100 && i < 150 ? 'MANUAL' : i >= 200 && i < 220 ? 'REMOTE' : 'AUTONOMOUS'),
    });
    await post(vehicle, track);
    await post(vehicle, eastboundTrack({ count: 10, firstSeq: 301, lat: 22.6, endMsAgo: 30_000 }));
    const started = new Date(track[0].ts).getTime();
    month = chinaTime(started).slice(0, 7);
    const trip = (ref: string, passengers: number, fareCny: number) => ({
      externalRef: ref,
      vehicleId: vehicle.id,
      startedAt: new Date(started + 10_000).toISOString(),
      endedAt: new Date(started + 130_000).toISOString(),
      passengers,
      cargoTonnes: 0,
      fareCny,
    });
    await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({ permitId: permit.id, trips: [trip('R-1', 2, 35.5), trip('R-2', 1, 20.1)] })
      .expect(200);
  });
  afterAll(() => ctx.close());

  async function permitFor(
    owner: TestEnterprise,
    kind: string,
    vehicleIds: string[],
    conditions: Record<string, unknown> = {},
  ): Promise<{ id: string; noticeNumber: string }> {
    const operatorId = await createOperator(ctx.api, owner);
    const id = await createApplication(ctx.api, owner, {
      kind,
      vehicleIds,
      operatorIds: [operatorId],
      zoneIds: [zones['PS-WHOLE-DISTRICT']],
      requestedFrom: inDays(-10),
      requestedTo: inDays(90),
      conditions: { ...NO_CONDITIONS, ...conditions },
    });
    await http().post(`/v1/applications/${id}/submit`).set(owner.admin.auth).expect(200);
    await http().post(`/v1/applications/${id}/review`).set(regulator.auth).expect(200);
    return (
      await http()
        .post(`/v1/applications/${id}/approve`)
        .set(regulator.auth)
        .send({ overrideReason: 'fixture for reports' })
        .expect(200)
    ).body.permit;
  }

  async function post(v: TestVehicle, points: WirePoint[]): Promise<void> {
    await http().post('/v1/telemetry').set(v.auth).send({ points }).expect(202);
    const last = Math.max(...points.map((p) => p.seq));
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(v.auth)).body.persistedThroughSeq >= last ? true : undefined,
    );
  }

  const scheduled = (job: 'reports.monthly' | 'reports.notice-filing', period: string) =>
    ctx.worker!.get<Queue>(getQueueToken(QueueName.Reports)).add(job, { period });

  const listed = async (session: Session, query: Record<string, string>): Promise<ReportBody[]> =>
    (await http().get('/v1/reports').query(query).set(session.auth).expect(200)).body;

  const generated = (session: Session, body: Record<string, unknown>) =>
    http().post('/v1/reports/generate').set(session.auth).send(body);

  const auditOf = async (reportId: string) =>
    (await http().get('/v1/audit').query({ entityType: 'report', entityId: reportId }).set(auditor.auth).expect(200))
      .body.items as { action: string; actorRole: string }[];

  it('schedules the monthly reports on day 1 at 02:00 and the filing on the filing day of June and December, China time', async () => {
    const schedulers = await ctx.worker!.get<Queue>(getQueueToken(QueueName.Reports)).getJobSchedulers();
    const next = Object.fromEntries(schedulers.map((s) => [s.key, chinaTime(s.next!).slice(5, 16)]));
    expect(next['reports-monthly']).toMatch(/^\d\d-01T02:00$/);
    expect(next['reports-notice-filing']).toMatch(/^(06|12)-15T03:00$/);
  });

  it('generates the month’s permit report on schedule with the figures the other APIs report', async () => {
    await scheduled('reports.monthly', month);
    const [summary] = await waitFor(async () => {
      const found = await listed(regulator, { permitId: permit.id, period: month });
      return found.length > 0 ? found : undefined;
    });
    expect(summary).toMatchObject({ kind: 'PERMIT_MONTHLY', period: month, generation: 1 });
    const report: ReportBody = (await http().get(`/v1/reports/${summary.id}`).set(enterprise.admin.auth).expect(200))
      .body;
    expect(report.content.header.rules.map((r) => r.id)).toEqual(['CN-NAT-REPORT', 'GD-REPORT']);
    // Anyone holding the JSON can check it against the hash: SHA-256 of the content with keys sorted.
    expect(createHash('sha256').update(canonicalJson(report.content)).digest('hex')).toBe(summary.contentSha256);
    expect(report.content.rows).toHaveLength(1);
    const row = report.content.rows[0];
    expect(row.vehicleId).toBe(vehicle.id);

    const days = { from: row.from as string, to: row.to as string };
    const stats = (await http().get(`/v1/vehicles/${vehicle.id}/stats`).query(days).set(regulator.auth).expect(200))
      .body.total;
    expect(stats.km.autonomous).toBeGreaterThan(0);
    expect(row).toMatchObject({
      autonomousKm: stats.km.autonomous,
      manualKm: stats.km.manual,
      remoteKm: stats.km.remote,
      autonomousHours: stats.hours.autonomous,
      manualHours: stats.hours.manual,
    });
    const disengagements = (await http().get('/v1/disengagements').query(days).set(regulator.auth).expect(200)).body;
    const mine = disengagements.vehicles.find((v: { vehicleId: string }) => v.vehicleId === vehicle.id);
    expect(row.takeovers).toBe(2);
    expect(row).toMatchObject({ takeovers: mine.takeovers, kmPerTakeover: mine.kmPerTakeover });

    const alerts: { type: string }[] = (
      await http().get('/v1/alerts').query({ vehicleId: vehicle.id }).set(regulator.auth).expect(200)
    ).body;
    // Remote driving under a manned pilot breaks the stage too (STAGE_EXCEEDED).
    expect(alerts.map((a) => a.type).sort()).toEqual(['OUTSIDE_ZONE', 'POSITION_JUMP', 'STAGE_EXCEEDED']);
    expect(row.alertsOpened).toBe(alerts.length);
    for (const [type, count] of Object.entries(row.alertsByType))
      expect(count).toBe(alerts.filter((a) => a.type === type).length);

    const monthStart = new Date(`${month}-01T00:00:00+08:00`);
    const nextMonth = new Date(monthStart.getTime() + 32 * 86_400_000).toISOString().slice(0, 7);
    const operations = (
      await http()
        .get('/v1/operations/totals')
        .query({
          permitId: permit.id,
          from: monthStart.toISOString(),
          to: new Date(`${nextMonth}-01T00:00:00+08:00`).toISOString(),
        })
        .set(regulator.auth)
        .expect(200)
    ).body;
    expect(operations).toMatchObject({ trips: 2, passengers: 3, revenueCny: 55.6 });
    expect(report.content.totals).toMatchObject({
      vehicles: 1,
      trips: operations.trips,
      passengers: operations.passengers,
      revenueCny: operations.revenueCny,
      autonomousKm: row.autonomousKm,
      takeovers: 2,
    });

    const [enterpriseReport] = await waitFor(async () => {
      const found = await listed(enterprise.admin, { kind: 'ENTERPRISE_MONTHLY', period: month });
      return found.length > 0 ? found : undefined;
    });
    const full: ReportBody = (await http().get(`/v1/reports/${enterpriseReport.id}`).set(enterprise.admin.auth)).body;
    expect(full.content.rows.map((r) => r.noticeNumber)).toEqual([permit.noticeNumber]);
    expect(full.content.totals).toMatchObject({ vehicles: 1, autonomousKm: row.autonomousKm, trips: 2 });
    // A scheduled generation is not a person's action: nothing in the audit log.
    expect(await auditOf(summary.id)).toEqual([]);
  });

  it('regenerates in place: same id and hash, the next generation, audited as the regulator’s action', async () => {
    const [before] = await listed(regulator, { permitId: permit.id, period: month });
    const again = await generated(regulator, { kind: 'PERMIT_MONTHLY', period: month, permitId: permit.id }).expect(
      200,
    );
    expect(again.body).toMatchObject({
      id: before.id,
      contentSha256: before.contentSha256,
      generation: before.generation + 1,
    });
    const third = await generated(regulator, { kind: 'PERMIT_MONTHLY', period: month, permitId: permit.id }).expect(
      200,
    );
    expect(third.body).toMatchObject({ id: before.id, contentSha256: before.contentSha256 });
    expect(third.body.generation).toBe(before.generation + 2);
    expect(await listed(regulator, { permitId: permit.id })).toHaveLength(1);
    const audit = await auditOf(before.id);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: 'report.generated', actorRole: 'REGULATOR' });

    // New facts change the content and its hash, still in place.
    await http()
      .post('/v1/operations/trips')
      .set(enterprise.admin.auth)
      .send({
        permitId: permit.id,
        trips: [
          {
            externalRef: 'R-3',
            vehicleId: vehicle.id,
            startedAt: track[5].ts,
            endedAt: track[100].ts,
            passengers: 4,
            cargoTonnes: 0,
            fareCny: 10,
          },
        ],
      })
      .expect(200);
    const changed = await generated(regulator, { kind: 'PERMIT_MONTHLY', period: month, permitId: permit.id }).expect(
      200,
    );
    expect(changed.body.id).toBe(before.id);
    expect(changed.body.contentSha256).not.toBe(before.contentSha256);
    expect(changed.body.content.totals).toMatchObject({ trips: 3, passengers: 7 });
  });

  it('downloads as CSV that reads back to the same totals', async () => {
    const [summary] = await listed(enterprise.admin, { permitId: permit.id, period: month });
    const json: ReportBody = (await http().get(`/v1/reports/${summary.id}`).set(enterprise.admin.auth).expect(200))
      .body;
    const csv = await http().get(`/v1/reports/${summary.id}`).query({ format: 'csv' }).set(enterprise.admin.auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="permit-monthly-${permit.noticeNumber}-${month}.csv"`,
    );
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows).toHaveLength(3);
    const column = (en: string) => rows[0].findIndex((title) => title.endsWith(`/ ${en}`));
    expect(rows[0][column('Autonomous km')]).toBe('自动驾驶里程 (km) / Autonomous km');
    const totals = rows[2];
    expect(totals[0]).toBe('合计 / Total');
    expect(Number(totals[column('Autonomous km')])).toBe(json.content.totals.autonomousKm);
    expect(Number(totals[column('Manual km')])).toBe(json.content.totals.manualKm);
    expect(Number(totals[column('Takeovers')])).toBe(json.content.totals.takeovers);
    expect(Number(totals[column('Km per takeover')])).toBe(json.content.totals.kmPerTakeover);
    expect(Number(totals[column('Alerts opened')])).toBe(json.content.totals.alertsOpened);
    expect(Number(totals[column('Trips')])).toBe(json.content.totals.trips);
    expect(Number(totals[column('Revenue CNY')])).toBe(json.content.totals.revenueCny);

    const byAccept = await http().get(`/v1/reports/${summary.id}`).set(enterprise.admin.auth).set('Accept', 'text/csv');
    expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byAccept.text).toBe(csv.text);
  });

  it('shows enterprises their own reports only, and lets only regulators generate', async () => {
    const [report] = await listed(enterprise.admin, { permitId: permit.id });
    await http().get(`/v1/reports/${report.id}`).set(other.admin.auth).expect(404);
    await http().get(`/v1/reports/${report.id}`).set(beijing.auth).expect(404);
    expect(await listed(other.admin, {})).toEqual([]);
    await generated(enterprise.admin, { kind: 'PERMIT_MONTHLY', period: month, permitId: permit.id }).expect(403);
    await generated(beijing, { kind: 'PERMIT_MONTHLY', period: month, permitId: permit.id }).expect(404);
  });

  it('refuses a period that does not fit the kind or has not begun', async () => {
    const half = await generated(regulator, { kind: 'PERMIT_MONTHLY', period: '2026-H2', permitId: permit.id });
    expect(half.status).toBe(400);
    expect(half.body.errors[0].field).toBe('period');
    const future = await generated(regulator, {
      kind: 'ENTERPRISE_MONTHLY',
      period: chinaTime(Date.now() + 62 * 86_400_000).slice(0, 7),
      enterpriseId: enterprise.id,
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('period');
    const missing = await generated(regulator, { kind: 'PERMIT_MONTHLY', period: month });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('permitId');
  });

  it('files the notices issued in the half-year by kind and status, for regulators only', async () => {
    const suspended = await permitFor(other, 'ROAD_TEST', [(await createVehicle(ctx.api, other)).id]);
    const revoked = await permitFor(other, 'ROAD_TEST', [(await createVehicle(ctx.api, other)).id]);
    await http().post(`/v1/permits/${suspended.id}/suspend`).set(regulator.auth).send({ reason: 'audit' }).expect(200);
    await http().post(`/v1/permits/${revoked.id}/revoke`).set(regulator.auth).send({ reason: 'fraud' }).expect(200);

    const today = chinaTime(Date.now());
    const half = `${today.slice(0, 4)}-H${Number(today.slice(5, 7)) <= 6 ? 1 : 2}`;
    await scheduled('reports.notice-filing', half);
    const [summary] = await waitFor(async () => {
      const found = await listed(regulator, { kind: 'NOTICE_FILING_SEMIANNUAL', period: half });
      return found.length > 0 ? found : undefined;
    });
    const filing: ReportBody = (await http().get(`/v1/reports/${summary.id}`).set(auditor.auth).expect(200)).body;
    expect(filing.content.header.rules.map((r) => r.id)).toEqual(['CN-NAT-FILING']);
    const byKind = Object.fromEntries(filing.content.rows.map(({ kind, ...counts }) => [kind, counts]));
    expect(byKind.ROAD_TEST).toMatchObject({ issued: 2, active: 0, suspended: 1, revoked: 1, expired: 0 });
    expect(byKind.MANNED_PILOT).toMatchObject({ issued: 1, active: 1, suspended: 0, revoked: 0 });
    // The same counts as the permit register shows the regulator.
    const permits: { kind: string; status: string }[] = (
      await http().get('/v1/permits').set(regulator.auth).expect(200)
    ).body;
    for (const { kind, ...counts } of filing.content.rows as unknown as ({ kind: string } & Record<string, number>)[])
      for (const status of ['ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'])
        expect(counts[status.toLowerCase()]).toBe(permits.filter((p) => p.kind === kind && p.status === status).length);
    expect(filing.content.totals).toMatchObject({ issued: permits.length });

    await http().get(`/v1/reports/${summary.id}`).set(enterprise.admin.auth).expect(404);
    await http().get(`/v1/reports/${summary.id}`).set(beijing.auth).expect(404);
    expect(await listed(enterprise.admin, { kind: 'NOTICE_FILING_SEMIANNUAL' })).toEqual([]);
    const [beijingFiling] = await listed(beijing, { kind: 'NOTICE_FILING_SEMIANNUAL', period: half });
    expect(
      (await http().get(`/v1/reports/${beijingFiling.id}`).set(beijing.auth).expect(200)).body.content.totals,
    ).toEqual({ issued: 0, active: 0, suspended: 0, revoked: 0, expired: 0 });

    const csv = await http().get(`/v1/reports/${summary.id}`).query({ format: 'csv' }).set(regulator.auth).expect(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="notice-filing-CN-SZ-PINGSHAN-${half}.csv"`);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows.map((r) => r[0])).toEqual([
      '通知书类型 / Permit kind',
      'ROAD_TEST',
      'MANNED_PILOT',
      'DRIVERLESS_PILOT',
      'SMALL_UNMANNED_VEHICLE',
      '合计 / Total',
    ]);
  });
});
