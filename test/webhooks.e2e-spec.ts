import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/core';
import { createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack } from './support/track';
import { waitFor } from './support/wait-for';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

interface WebhookPayload {
  id: string;
  event: string;
  occurredAt: string;
  data: { id: string; vehicleId: string; enterpriseId: string; type: string; status: string };
}

interface Delivery {
  id: string;
  alertId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
}

/** What a receiver is told to do: check the HMAC over `<timestamp>.<raw body>` and the timestamp's age. */
function verified(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['x-av-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['x-av-signature']));
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe('alert webhooks', () => {
  let ctx: TestContext;
  let regulator: Session;
  let beijing: Session;
  let enterprise: TestEnterprise;
  let other: TestEnterprise;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Paths whose next N requests the receiver answers 500. */
  const failures = new Map<string, number>();
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({
      worker: true,
      env: { WEBHOOK_BACKOFF_MS: '200', WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_TIMEOUT_MS: '2000' },
    });
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '';
        received.push({ path, headers: req.headers, body, at: Date.now() });
        const left = failures.get(path) ?? 0;
        failures.set(path, left - 1);
        res.writeHead(left > 0 ? 500 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function createEndpoint(owner: TestEnterprise, path: string, events?: string[]) {
    const res = await http()
      .post('/v1/webhooks')
      .set(owner.admin.auth)
      .send({ url: `${base}${path}`, description: `receiver ${path}`, events })
      .expect(201);
    return res.body as { id: string; secret: string; events: string[]; active: boolean };
  }

  /** A vehicle without a permit reports through the telemetry API: the worker opens NO_ACTIVE_PERMIT. */
  async function raiseAlert(owner: TestEnterprise) {
    const vehicle = await createVehicle(ctx.api, owner);
    await http()
      .post('/v1/telemetry')
      .set(vehicle.auth)
      .send({ points: eastboundTrack({ count: 3 }) })
      .expect(202);
    const alert = await waitFor(async () => {
      const res = await http().get('/v1/alerts').query({ vehicleId: vehicle.id }).set(regulator.auth).expect(200);
      return (res.body as { id: string; type: string }[])[0];
    });
    expect(alert.type).toBe('NO_ACTIVE_PERMIT');
    return { vehicleId: vehicle.id, alertId: alert.id };
  }

  const requestsFor = (path: string, alertId: string) =>
    received.filter((r) => r.path === path && (JSON.parse(r.body) as WebhookPayload).data.id === alertId);

  /** The receiver's requests on `path` about the alert, once there are at least `count`. */
  const arrived = (path: string, alertId: string, count = 1) =>
    waitFor(() => {
      const hits = requestsFor(path, alertId);
      return Promise.resolve(hits.length >= count ? hits : undefined);
    });

  const deliveriesOf = async (session: Session, endpointId: string): Promise<Delivery[]> =>
    (await http().get(`/v1/webhooks/${endpointId}/deliveries`).set(session.auth).expect(200)).body;

  it('POSTs a new alert, signed with the secret shown once, to the endpoints of its own enterprise only', async () => {
    const mine = await createEndpoint(enterprise, '/mine');
    expect(mine).toMatchObject({ events: ['alert.opened'], active: true });
    expect(mine.secret).toMatch(/^[0-9a-f]{64}$/);
    const theirs = await createEndpoint(other, '/theirs');
    const shown = await http().get(`/v1/webhooks/${mine.id}`).set(enterprise.admin.auth).expect(200);
    expect(shown.body).not.toHaveProperty('secret');
    expect(JSON.stringify((await http().get('/v1/webhooks').set(regulator.auth).expect(200)).body)).not.toContain(
      mine.secret,
    );

    const { vehicleId, alertId } = await raiseAlert(enterprise);
    const [post] = await arrived('/mine', alertId);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['x-av-event']).toBe('alert.opened');
    expect(verified(post, mine.secret)).toBe(true);
    expect(verified(post, 'a'.repeat(64))).toBe(false);
    const payload = JSON.parse(post.body) as WebhookPayload;
    expect(post.headers['x-av-delivery']).toBe(payload.id);
    expect(payload).toMatchObject({
      event: 'alert.opened',
      data: { id: alertId, vehicleId, enterpriseId: enterprise.id, type: 'NO_ACTIVE_PERMIT', status: 'OPEN' },
    });
    expect(Number.isNaN(Date.parse(payload.occurredAt))).toBe(false);

    const delivered = await waitFor(async () => {
      const [d] = await deliveriesOf(enterprise.admin, mine.id);
      return d?.status === 'DELIVERED' ? d : undefined;
    });
    expect(delivered).toMatchObject({
      id: payload.id,
      alertId,
      event: 'alert.opened',
      attempts: 1,
      lastStatusCode: 204,
    });
    // The alert's rows were all written together: the other enterprise's endpoint has none.
    expect(await deliveriesOf(other.admin, theirs.id)).toEqual([]);
    expect(received.filter((r) => r.path === '/theirs')).toEqual([]);
  });

  it('retries a failing receiver with exponential backoff, and gives up after the last attempt', async () => {
    failures.set('/flaky', 2);
    failures.set('/down', Number.POSITIVE_INFINITY);
    const flaky = await createEndpoint(enterprise, '/flaky');
    const down = await createEndpoint(enterprise, '/down');
    const { alertId } = await raiseAlert(enterprise);

    const attempts = await arrived('/flaky', alertId, 3);
    expect(new Set(attempts.map((a) => a.headers['x-av-delivery'])).size).toBe(1);
    expect(attempts.every((a) => verified(a, flaky.secret))).toBe(true);
    // Base delay 200 ms with 20 % jitter, doubling: at least 160 ms, then at least 320 ms.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(150);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(300);
    expect(
      await waitFor(async () => {
        const [d] = await deliveriesOf(enterprise.admin, flaky.id);
        return d?.status === 'DELIVERED' ? d : undefined;
      }),
    ).toMatchObject({ alertId, attempts: 3, lastStatusCode: 204 });

    expect(
      await waitFor(async () => {
        const [d] = await deliveriesOf(enterprise.admin, down.id);
        return d?.status === 'FAILED' ? d : undefined;
      }),
    ).toMatchObject({ alertId, attempts: 4, lastStatusCode: 500 });
    expect(requestsFor('/down', alertId)).toHaveLength(4);
    await http().delete(`/v1/webhooks/${down.id}`).set(enterprise.admin.auth).expect(204);
    await http().get(`/v1/webhooks/${down.id}`).set(enterprise.admin.auth).expect(404);
  });

  it('reports acknowledgements and resolutions, signs with a rotated secret at once, and skips inactive endpoints', async () => {
    const decisions = await createEndpoint(enterprise, '/decisions', ['alert.acknowledged', 'alert.resolved']);
    await createEndpoint(enterprise, '/opened');
    const quiet = await createEndpoint(enterprise, '/quiet');
    const patched = await http()
      .patch(`/v1/webhooks/${quiet.id}`)
      .set(enterprise.admin.auth)
      .send({ active: false })
      .expect(200);
    expect(patched.body).toMatchObject({ active: false });
    expect(patched.body).not.toHaveProperty('secret');

    const { alertId } = await raiseAlert(enterprise);
    await http().post(`/v1/alerts/${alertId}/acknowledge`).set(enterprise.admin.auth).send({}).expect(200);
    const [acknowledged] = await arrived('/decisions', alertId);
    expect(acknowledged.headers['x-av-event']).toBe('alert.acknowledged');
    expect(JSON.parse(acknowledged.body)).toMatchObject({ data: { status: 'ACKNOWLEDGED' } });
    expect(verified(acknowledged, decisions.secret)).toBe(true);

    const rotated = await http()
      .post(`/v1/webhooks/${decisions.id}/rotate-secret`)
      .set(enterprise.admin.auth)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secret).not.toBe(decisions.secret);
    await http().post(`/v1/alerts/${alertId}/resolve`).set(regulator.auth).send({ note: 'permit filed' }).expect(200);
    const [, resolved] = await arrived('/decisions', alertId, 2);
    expect(JSON.parse(resolved.body)).toMatchObject({ event: 'alert.resolved', data: { status: 'RESOLVED' } });
    expect(verified(resolved, rotated.body.secret)).toBe(true);
    expect(verified(resolved, decisions.secret)).toBe(false);

    // The opened event reached the active endpoint; the inactive one got no delivery at all.
    await arrived('/opened', alertId);
    expect((await deliveriesOf(enterprise.admin, decisions.id)).map((d) => d.event).sort()).toEqual([
      'alert.acknowledged',
      'alert.resolved',
    ]);
    expect(received.filter((r) => r.path === '/quiet')).toEqual([]);
    expect(await deliveriesOf(enterprise.admin, quiet.id)).toEqual([]);

    const audit = await http()
      .get('/v1/audit')
      .query({ entityType: 'webhook', entityId: decisions.id })
      .set(enterprise.admin.auth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'webhook.secret-rotated',
      'webhook.created',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(decisions.secret);
    expect(JSON.stringify(audit.body)).not.toContain(rotated.body.secret);
  });

  it('lets only enterprise admins manage their own endpoints, and regulators read those in their jurisdiction', async () => {
    const mine = await createEndpoint(enterprise, '/roles');
    await http()
      .post('/v1/webhooks')
      .set(regulator.auth)
      .send({ url: `${base}/regulator` })
      .expect(403);
    await http().patch(`/v1/webhooks/${mine.id}`).set(regulator.auth).send({ active: false }).expect(403);

    await http().get(`/v1/webhooks/${mine.id}`).set(other.admin.auth).expect(404);
    await http().patch(`/v1/webhooks/${mine.id}`).set(other.admin.auth).send({ active: false }).expect(404);
    await http().post(`/v1/webhooks/${mine.id}/rotate-secret`).set(other.admin.auth).expect(404);
    await http().get(`/v1/webhooks/${mine.id}/deliveries`).set(other.admin.auth).expect(404);
    await http().delete(`/v1/webhooks/${mine.id}`).set(other.admin.auth).expect(404);
    const ids = async (session: Session) =>
      ((await http().get('/v1/webhooks').set(session.auth).expect(200)).body as { id: string }[]).map((e) => e.id);
    expect(await ids(other.admin)).not.toContain(mine.id);
    expect(await ids(regulator)).toContain(mine.id);
    expect(await ids(beijing)).not.toContain(mine.id);
    await http().get(`/v1/webhooks/${mine.id}`).set(beijing.auth).expect(404);
    const seen = await http().get(`/v1/webhooks/${mine.id}`).set(regulator.auth).expect(200);
    expect(seen.body).toMatchObject({ id: mine.id, enterpriseId: enterprise.id, url: `${base}/roles` });
    expect(seen.body).not.toHaveProperty('secret');
  });

  it('refuses URLs that are not http(s), and unknown events, naming the field', async () => {
    for (const [body, field] of [
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.com/hook' }, 'url'],
      [{ url: 'https://user:password@example.com/hook' }, 'url'],
      [{ url: 'https://example.com/hook', events: ['alert.exploded'] }, 'events'],
      [{ url: 'https://example.com/hook', events: [] }, 'events'],
    ] as const) {
      const res = await http().post('/v1/webhooks').set(enterprise.admin.auth).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('refuses loopback and private hosts where WEBHOOK_ALLOW_PRIVATE_HOSTS is false', async () => {
    const strict = await startTestContext({ env: { WEBHOOK_ALLOW_PRIVATE_HOSTS: 'false' } });
    try {
      const owner = await registerEnterprise(strict.api, 'CN-SZ-PINGSHAN');
      for (const url of [
        `${base}/hook`,
        'http://localhost:8080/hook',
        'http://169.254.169.254/latest',
        'http://[::1]/',
      ]) {
        const res = await request(strict.api.getHttpServer())
          .post('/v1/webhooks')
          .set(owner.admin.auth)
          .send({ url })
          .expect(400);
        expect(res.body.errors).toEqual([{ field: 'url', reason: expect.stringContaining('private') }]);
      }
    } finally {
      await strict.close();
      // startTestContext leaves its settings in process.env; later contexts must not inherit this one.
      delete process.env.WEBHOOK_ALLOW_PRIVATE_HOSTS;
    }
  });

  it('delivers an alert that opened while no worker was listening, once a worker catches up', async () => {
    const apiOnly = await startTestContext();
    try {
      const api = () => request(apiOnly.api.getHttpServer());
      const staff = await createStaff(apiOnly.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
      const owner = await registerEnterprise(apiOnly.api, 'CN-SZ-PINGSHAN', staff);
      await api()
        .post('/v1/webhooks')
        .set(owner.admin.auth)
        .send({ url: `${base}/caught-up` })
        .expect(201);
      const vehicle = await createVehicle(apiOnly.api, owner);
      // A report filed after its deadline opens an alert in the API process; no relay hears it.
      const incident = await api()
        .post('/v1/incidents')
        .set(owner.admin.auth)
        .send({
          vehicleId: vehicle.id,
          kind: 'COLLISION',
          occurredAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
          lat: 22.7,
          lon: 114.36,
          narrative: 'Low-speed contact in a car park.',
        })
        .expect(201);
      const [alert] = (
        await api().get('/v1/alerts').query({ incidentId: incident.body.id }).set(staff.auth).expect(200)
      ).body as { id: string }[];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.filter((r) => r.path === '/caught-up')).toEqual([]);

      const worker = await apiOnly.startWorker();
      await worker.get<Queue>(getQueueToken(QueueName.Maintenance)).add('maintenance.webhook-catch-up', {});
      const [delivered] = await arrived('/caught-up', alert.id);
      expect(JSON.parse(delivered.body)).toMatchObject({
        event: 'alert.opened',
        data: { type: 'INCIDENT_REPORTED_LATE' },
      });
    } finally {
      await apiOnly.close();
    }
  });
});
