import { request as httpRequest } from 'node:http';
import { type AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/core';
import { createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, uniqueCreditCode } from './support/identity-helpers';
import { eastboundTrack } from './support/track';
import { startTestContext } from './support/test-context';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown', () => {
  it('finishes a request already in flight before the API stops', async () => {
    const ctx = await startTestContext();
    await ctx.api.listen(0, '127.0.0.1');
    const { port } = ctx.api.getHttpServer().address() as AddressInfo;
    const body = JSON.stringify({
      name: 'Shutdown Test Co',
      creditCode: uniqueCreditCode(),
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      contact: { name: 'Li', phone: '13800138000', email: 'li@shutdown.test' },
      admin: { email: `owner-${Date.now()}@shutdown.test`, displayName: 'Owner', password: 'long-enough-password' },
    });

    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/v1/enterprises',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      // Half the body is sent; shutdown starts now; the rest follows a moment later.
      setTimeout(() => req.end(body.slice(20)), 300);
    });
    await sleep(100);
    let stopped = false;
    const stopping = ctx.close().then(() => (stopped = true));
    await sleep(100);
    expect(stopped).toBe(false);

    const result = await response;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.body).enterprise.status).toBe('PENDING_VERIFICATION');
    await stopping;
    expect(stopped).toBe(true);
  });

  it('lets the worker finish the jobs it is running, leaving none half done', async () => {
    const ctx = await startTestContext({ worker: true });
    try {
      const regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
      const enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
      const vehicles = await Promise.all(Array.from({ length: 5 }, () => createVehicle(ctx.api, enterprise)));
      const track = eastboundTrack({ count: 600 });
      const posts = vehicles.flatMap((v) =>
        [0, 1, 2, 3, 4, 5].map((i) =>
          request(ctx.api.getHttpServer())
            .post('/v1/telemetry')
            .set(v.auth)
            .send({ points: track.slice(i * 100, (i + 1) * 100) }),
        ),
      );
      expect((await Promise.all(posts)).every((r) => r.status === 202)).toBe(true);

      // Stop the worker while jobs are queued and running.
      await ctx.worker!.close();
      ctx.worker = undefined;
      const queue = ctx.api.get<Queue>(getQueueToken(QueueName.Telemetry));
      const counts = await queue.getJobCounts('active', 'failed', 'completed', 'waiting');
      expect(counts.active).toBe(0);
      expect(counts.failed).toBe(0);
      expect(counts.completed + counts.waiting).toBe(posts.length);
      // Whatever was processed is stored exactly once, for every vehicle.
      const rows = await ctx.dataSource.query<{ stored: string; distinct: string }[]>(
        'SELECT count(*) AS stored, count(DISTINCT (vehicle_id, seq)) AS distinct FROM telemetry_points',
      );
      expect(rows[0].stored).toBe(rows[0].distinct);
    } finally {
      await ctx.close();
    }
  });
});
