import request from 'supertest';
import { startTestContext, type TestContext } from './support/test-context';

describe('API essentials', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
  });
  afterAll(() => ctx.close());

  const http = () => request(ctx.api.getHttpServer());

  it('answers liveness and gives every response a request id', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a caller-supplied request id and replaces an unsafe one', async () => {
    const kept = await http().get('/health').set('X-Request-Id', 'trace-42').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const replaced = await http().get('/health').set('X-Request-Id', 'bad id\u00e9').expect(200);
    expect(replaced.headers['x-request-id']).not.toBe('bad id\u00e9');
  });

  it('reports readiness of PostgreSQL and Redis', async () => {
    const res = await http().get('/health/ready').expect(200);
    expect(res.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('renders an unknown route as problem+json with the request id', async () => {
    const res = await http().get('/v1/no-such-thing').set('X-Request-Id', 'req-404').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      instance: '/v1/no-such-thing',
      requestId: 'req-404',
    });
    expect(res.body.type).toMatch(/^\/problems\//);
  });

  it('refuses a body over the limit with 413 and malformed JSON with 400', async () => {
    const huge = JSON.stringify({ blob: 'x'.repeat(ctx.env.BODY_LIMIT_BYTES) });
    const tooLarge = await http().post('/v1/anything').set('Content-Type', 'application/json').send(huge).expect(413);
    expect(tooLarge.body).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
    const malformed = await http()
      .post('/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"points": [')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(malformed.body).toMatchObject({ type: '/problems/malformed-json', status: 400 });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await http().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/health/ready']).toBeDefined();
    await http().get('/docs').expect(200);
  });

  it('exposes Prometheus metrics including HTTP request durations', async () => {
    await http().get('/health').expect(200);
    const res = await http().get('/metrics').expect(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it('runs the worker with its own health endpoint', async () => {
    const res = await request(ctx.worker!.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('shows the jobs of every queue by state on the worker’s metrics', async () => {
    const res = await request(ctx.worker!.getHttpServer()).get('/metrics').expect(200);
    for (const queue of ['telemetry', 'maintenance', 'webhooks', 'reports', 'audit'])
      expect(res.text).toMatch(new RegExp(`bullmq_queue_jobs\\{queue="${queue}",state="wait"\\} \\d+`));
  });

  it('serves the queue dashboard on the worker’s port only with a password, behind basic auth', async () => {
    await request(ctx.worker!.getHttpServer()).get('/queues').expect(404);
    const ops = await startTestContext({ worker: true, env: { QUEUE_DASHBOARD_PASSWORD: 'dashboard-secret-42' } });
    try {
      const worker = () => request(ops.worker!.getHttpServer());
      await worker().get('/queues').expect(401);
      await worker().get('/queues').auth('ops', 'wrong-password-1').expect(401);
      await worker().get('/queues').auth('ops', 'dashboard-secret-42').expect(200);
      const queues = await worker().get('/queues/api/queues').auth('ops', 'dashboard-secret-42').expect(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
        ['audit', 'maintenance', 'reports', 'telemetry', 'webhooks'].sort(),
      );
    } finally {
      await ops.close();
      delete process.env.QUEUE_DASHBOARD_PASSWORD;
    }
  });
});
