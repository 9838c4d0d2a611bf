import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { QueueName } from '@app/core';
import {
  type AbuseCase,
  type Caller,
  CHINA_MONTH,
  type Fixtures,
  isRaw,
  isRef,
  jsonBytes,
  type Value,
} from './abuse-cases';
import { createFixtureZones, createVehicle } from './fleet-helpers';
import { createStaff, loginAdmin, login, PASSWORD, registerEnterprise } from './identity-helpers';
import { createApplication, createOperator, fileDocuments, inDays, issuePermit, NO_CONDITIONS } from './permit-helpers';
import { type TestContext } from './test-context';
import { eastboundTrack } from './track';
import { waitFor } from './wait-for';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request over a real socket, so raw bytes (invalid UTF-8, broken JSON) reach the server untouched. */
export class RawClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  constructor(private readonly port: number) {}

  static async listen(ctx: TestContext): Promise<RawClient> {
    await ctx.api.listen(0, '127.0.0.1');
    return new RawClient((ctx.api.getHttpServer().address() as AddressInfo).port);
  }

  send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      // An answer that never comes (a stream opened by mistake) fails the case instead of the suite.
      req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface AbuseWorld {
  fixtures: Fixtures;
  /** Authorization header values by caller. */
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
}

/** Replaces fixture references anywhere inside a value with the fixture ids. */
export function withFixtures(value: unknown, fixtures: Fixtures): unknown {
  if (isRef(value)) return fixtures[value.ref];
  if (Array.isArray(value)) return value.map((item) => withFixtures(item, fixtures));
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withFixtures(item, fixtures)]));
  }
  return value;
}

const pathValue = (value: Value, fixtures: Fixtures): string =>
  isRaw(value) ? value.raw : encodeURIComponent(String(withFixtures(value, fixtures)));

/** The request a case describes: method, path with its parameters and query, headers and body bytes. */
export function requestOf(
  abuse: AbuseCase,
  world: AbuseWorld,
): { method: string; path: string; headers: Record<string, string>; body?: Buffer } {
  const [method, template] = abuse.operation.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = abuse.params?.[name];
    if (value === undefined) throw new Error(`${abuse.operation} «${abuse.name}»: no value for {${name}}`);
    return pathValue(value, world.fixtures);
  });
  const query = abuse.query
    ? new URLSearchParams(
        Object.entries(withFixtures(abuse.query, world.fixtures) as Record<string, string | string[]>).flatMap(
          ([key, value]): [string, string][] =>
            Array.isArray(value) ? value.map((v) => [key, String(v)]) : [[key, String(value)]],
        ),
      ).toString()
    : abuse.rawQuery;
  const headers: Record<string, string> = {};
  if (abuse.caller !== 'anonymous') headers.Authorization = `Bearer ${world.tokens[abuse.caller]}`;
  let body: Buffer | undefined;
  if (abuse.raw !== undefined) {
    body = typeof abuse.raw === 'string' ? Buffer.from(abuse.raw) : abuse.raw;
    headers['Content-Type'] = 'application/json';
  } else if (abuse.body !== undefined) {
    body = jsonBytes(withFixtures(abuse.body, world.fixtures), abuse.literals);
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, abuse.headers);
  return { method, path: query ? `${path}?${query}` : path, headers, body };
}

/** Why an answer does not meet the case's expectation, or null when it does. */
export function mismatch(abuse: AbuseCase, reply: Reply): string | null {
  let problem: { type?: unknown; status?: unknown; errors?: { field: string }[] } | undefined;
  try {
    problem = JSON.parse(reply.text) as typeof problem;
  } catch {
    problem = undefined;
  }
  const summary = `${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status !== abuse.status) return `expected ${abuse.status}, got ${summary}`;
  if (!/^application\/problem\+json/.test(reply.headers['content-type'] ?? ''))
    return `not problem+json (${reply.headers['content-type']}): ${summary}`;
  if (problem?.status !== reply.status || typeof problem.type !== 'string' || !problem.type.startsWith('/problems/'))
    return `malformed problem document: ${summary}`;
  if (abuse.field !== undefined && !problem.errors?.some((e) => e.field === abuse.field))
    return `the problem does not name ${abuse.field}: ${summary}`;
  return null;
}

/**
 * Row count and content checksum of every application table (partitioned tables through their
 * parent; PostGIS's own tables left out), the audit chain's head, the number of jobs each queue
 * holds and the fixture vehicle's watermark: any of them moving means a refused request changed
 * something.
 */
export async function snapshotState(ctx: TestContext, world: AbuseWorld): Promise<Record<string, string>> {
  const tables = await ctx.dataSource.query<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1`,
  );
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await ctx.dataSource.query<{ rows: number; sum: string }[]>(
      `SELECT count(*)::int AS rows, coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS sum FROM "${name}" t`,
    );
    state[`table ${name}`] = `${row.rows} rows, md5 ${row.sum}`;
  }
  const [chain] = await ctx.dataSource.query<{ length: number; head: string | null }[]>(
    `SELECT count(*)::int AS length, (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1) AS head FROM audit_entries`,
  );
  state['audit chain'] = `${chain.length} entries, head ${chain.head}`;
  for (const name of JOB_QUEUES) {
    const counts = await queue(ctx, name).getJobCounts();
    state[`queue ${name}`] = `${Object.values(counts).reduce((sum, n) => sum + n, 0)} jobs`;
  }
  // The vehicle's watermark as it reads it (Redis first), besides its state row and points above.
  const watermark = await request(ctx.api.getHttpServer())
    .get('/v1/telemetry/watermark')
    .set('Authorization', `Bearer ${world.tokens.vehicle}`)
    .expect(200);
  state['vehicle watermark'] = String(watermark.body.persistedThroughSeq);
  return state;
}

/** Every queue: with the schedules removed in setup, only requests add jobs to them. */
const JOB_QUEUES = [QueueName.Audit, QueueName.Telemetry, QueueName.Reports, QueueName.Webhooks, QueueName.Maintenance];

const queue = (ctx: TestContext, name: string): Queue => ctx.worker!.get<Queue>(getQueueToken(name));

/** Waits until no queue has a job waiting, delayed or running, so nothing changes behind a snapshot. */
export async function settle(ctx: TestContext): Promise<void> {
  await waitFor(async () => {
    for (const name of JOB_QUEUES) {
      const counts = await queue(ctx, name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return undefined;
    }
    return true;
  }, 30_000);
}

/**
 * One of everything the routes act on, created through the API: accounts of every role, an
 * enterprise with a vehicle, its token, telemetry (so an alert and a takeover exist), zones, an
 * application under review, a draft with a document, a permit, an incident, a webhook, a
 * roadside device with its token, a report and an audit checkpoint.
 */
export async function buildWorld(ctx: TestContext): Promise<AbuseWorld> {
  const http = () => request(ctx.api.getHttpServer());
  const maintenance = queue(ctx, QueueName.Maintenance);
  const reports = queue(ctx, QueueName.Reports);
  // Scheduled scans would change rows between two snapshots; the abuse suite needs none of them.
  for (const scheduled of [maintenance, reports]) {
    for (const scheduler of await scheduled.getJobSchedulers()) await scheduled.removeJobScheduler(scheduler.key);
  }

  const platformAdmin = await loginAdmin(ctx.api);
  const regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
  const auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
  const enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
  const pending = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN');
  const invited = await http()
    .post(`/v1/enterprises/${enterprise.id}/invitations`)
    .set(enterprise.admin.auth)
    .send({ email: 'operator@abuse.test', displayName: 'Operator', role: 'ENTERPRISE_OPERATOR' })
    .expect(201);
  await http().post('/v1/auth/invitations/accept').send({ token: invited.body.token, password: PASSWORD }).expect(201);
  const enterpriseOperator = await login(ctx.api, 'operator@abuse.test');

  const zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
  const zone = zones['PS-WHOLE-DISTRICT'];
  const vehicle = await createVehicle(ctx.api, enterprise);
  const credentials = await http().get(`/v1/vehicles/${vehicle.id}/credentials`).set(enterprise.admin.auth).expect(200);
  const operator = await createOperator(ctx.api, enterprise);

  // Telemetry without a permit raises NO_ACTIVE_PERMIT; the switch to MANUAL at seq 4 is a takeover.
  const track = eastboundTrack({ count: 6, modeAt: (i) => (i < 3 ? 'AUTONOMOUS' : 'MANUAL') });
  await http().post('/v1/telemetry').set(vehicle.auth).send({ points: track }).expect(202);
  await waitFor(async () =>
    (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq === 6 ? true : undefined,
  );
  const [alert] = (await http().get('/v1/alerts').query({ vehicleId: vehicle.id }).set(regulator.auth).expect(200))
    .body as { id: string }[];
  const [takeover] = (
    await http()
      .get('/v1/takeovers')
      .query({ vehicleId: vehicle.id, from: track[0].ts, to: new Date().toISOString() })
      .set(enterprise.admin.auth)
      .expect(200)
  ).body as { seq: number }[];

  const applicationBody = {
    kind: 'ROAD_TEST',
    operatorIds: [operator],
    zoneIds: [zone],
    requestedFrom: inDays(10),
    requestedTo: inDays(100),
    conditions: NO_CONDITIONS,
  };
  const permitted = await createVehicle(ctx.api, enterprise);
  // Valid since ten days ago, so that this month has a report.
  const permit = await issuePermit(ctx.api, enterprise, regulator, {
    ...applicationBody,
    vehicleIds: [permitted.id],
    requestedFrom: inDays(-10),
    requestedTo: inDays(80),
  });
  const reviewed = await createApplication(ctx.api, enterprise, { ...applicationBody, vehicleIds: [vehicle.id] });
  await http().post(`/v1/applications/${reviewed}/submit`).set(enterprise.admin.auth).expect(200);
  await http().post(`/v1/applications/${reviewed}/review`).set(regulator.auth).expect(200);
  const draft = await createApplication(ctx.api, enterprise, { ...applicationBody, vehicleIds: [vehicle.id] });
  await fileDocuments(ctx.api, enterprise.admin, draft, [{ type: 'COMPULSORY_INSURANCE' }]);
  const [document] = (await http().get(`/v1/applications/${draft}/documents`).set(enterprise.admin.auth).expect(200))
    .body as { id: string }[];

  const incident = await http()
    .post('/v1/incidents')
    .set(enterprise.admin.auth)
    .send({
      vehicleId: vehicle.id,
      kind: 'COLLISION',
      occurredAt: track[2].ts,
      lat: track[2].lat,
      lon: track[2].lon,
      narrative: 'Low-speed contact with a kerb.',
    })
    .expect(201);
  // Only alert.resolved, which no case reaches: nothing is ever delivered during the suite.
  const webhook = await http()
    .post('/v1/webhooks')
    .set(enterprise.admin.auth)
    .send({ url: 'http://127.0.0.1:9/hook', events: ['alert.resolved'] })
    .expect(201);
  const device = await http()
    .post('/v1/roadside-devices')
    .set(regulator.auth)
    .send({ kind: 'RSU', serial: 'ABUSE-RSU-1', zoneId: zone })
    .expect(201);
  const report = await http()
    .post('/v1/reports/generate')
    .set(regulator.auth)
    .send({ kind: 'PERMIT_MONTHLY', period: CHINA_MONTH, permitId: permit.id })
    .expect(200);
  const checkpoint = await http().post('/v1/audit/checkpoints').set(auditor.auth).expect(202);
  await waitFor(async () =>
    (await http().get(`/v1/audit/checkpoints/${checkpoint.body.id}`).set(auditor.auth)).body.status === 'DONE'
      ? true
      : undefined,
  );
  await settle(ctx);

  return {
    fixtures: {
      enterprise: enterprise.id,
      pendingEnterprise: pending.id,
      operator,
      vehicle: vehicle.id,
      credential: (credentials.body as { id: string }[])[0].id,
      zone,
      reviewedApplication: reviewed,
      draftApplication: draft,
      document: document.id,
      permit: permit.id,
      alert: alert.id,
      takeoverSeq: String(takeover.seq),
      incident: incident.body.id as string,
      webhook: webhook.body.id as string,
      device: device.body.id as string,
      report: report.body.id as string,
      checkpoint: checkpoint.body.id as string,
      refreshToken: enterprise.admin.refreshToken,
    },
    tokens: {
      platformAdmin: platformAdmin.token,
      regulator: regulator.token,
      auditor: auditor.token,
      enterpriseAdmin: enterprise.admin.token,
      enterpriseOperator: enterpriseOperator.token,
      vehicle: vehicle.token,
      device: device.body.token as string,
    },
  };
}
