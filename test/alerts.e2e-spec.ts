import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { request as httpRequest } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { QueueName } from '@app/core';
import { createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { createApplication, createOperator, inDays, NO_CONDITIONS } from './support/permit-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack, type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

interface AlertBody {
  id: string;
  type: string;
  status: string;
  pointCount: number;
  late: boolean;
  ruleId: string;
  permitId: string | null;
}

describe('compliance alerts', () => {
  let ctx: TestContext;
  let pingshan: Session;
  let beijing: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', pingshan);
    zones = await createFixtureZones(ctx.api, pingshan, 'CN-SZ-PINGSHAN');
  });
  afterAll(() => ctx.close());

  async function permitted(
    owner: TestEnterprise,
    regulator: Session,
    kind: string,
    zoneId: string,
    overrides: Record<string, unknown> = {},
    vehicleOverrides: Record<string, unknown> = {},
  ) {
    const vehicle = await createVehicle(ctx.api, owner, vehicleOverrides);
    const operatorId = await createOperator(ctx.api, owner);
    const id = await createApplication(ctx.api, owner, {
      kind,
      vehicleIds: [vehicle.id],
      operatorIds: [operatorId],
      zoneIds: [zoneId],
      requestedFrom: inDays(-10),
      requestedTo: inDays(90),
      conditions: NO_CONDITIONS,
      ...overrides,
    });
    await http().post(`/v1/applications/${id}/submit`).set(owner.admin.auth).expect(200);
    await http().post(`/v1/applications/${id}/review`).set(regulator.auth).expect(200);
    const permit = (
      await http()
        .post(`/v1/applications/${id}/approve`)
        .set(regulator.auth)
        .send({ overrideReason: 'fixture for alerts' })
        .expect(200)
    ).body.permit as { id: string };
    return { vehicle, permit };
  }

  async function post(vehicle: TestVehicle, points: WirePoint[]): Promise<void> {
    await http().post('/v1/telemetry').set(vehicle.auth).send({ points }).expect(202);
    const last = Math.max(...points.map((p) => p.seq));
    await waitFor(async () =>
      (await http().get('/v1/telemetry/watermark').set(vehicle.auth)).body.persistedThroughSeq >= last
        ? true
        : undefined,
    );
  }

  const alertsOf = async (session: Session, vehicleId: string): Promise<AlertBody[]> =>
    (await http().get('/v1/alerts').query({ vehicleId }).set(session.auth).expect(200)).body;

  it('opens one alert per vehicle and type, updated while the condition lasts, and none while compliant', async () => {
    const { vehicle, permit } = await permitted(enterprise, pingshan, 'ROAD_TEST', zones['PS-WHOLE-DISTRICT']);
    await post(vehicle, eastboundTrack({ count: 20 }));
    expect(await alertsOf(pingshan, vehicle.id)).toEqual([]);
    // South of the district: outside every permitted zone.
    await post(vehicle, eastboundTrack({ count: 10, firstSeq: 21, lat: 22.6, endMsAgo: 30_000 }));
    await post(vehicle, eastboundTrack({ count: 5, firstSeq: 31, lat: 22.6, endMsAgo: 10_000 }));
    // Leaving the district southwards in one step is also a position jump (> 300 km/h implied).
    const alerts = await alertsOf(pingshan, vehicle.id);
    expect(alerts.map((a) => a.type).sort()).toEqual(['OUTSIDE_ZONE', 'POSITION_JUMP']);
    const outside = alerts.find((a) => a.type === 'OUTSIDE_ZONE')!;
    expect(outside).toMatchObject({
      status: 'OPEN',
      pointCount: 15,
      ruleId: 'CN-NAT-PLATE',
      permitId: permit.id,
      late: false,
    });
    await http().get(`/v1/alerts/${outside.id}`).set(beijing.auth).expect(404);
    const mine = await alertsOf(enterprise.admin, vehicle.id);
    expect(mine.map((a) => a.id).sort()).toEqual(alerts.map((a) => a.id).sort());
  });

  it('needs no permit inside a closed test field, but does once the vehicle leaves it', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    // PS-CLOSED-FIELD spans 114.372–114.380 E, 22.655–22.661 N.
    await post(vehicle, eastboundTrack({ count: 20, lat: 22.658, lon: 114.373, endMsAgo: 30_000 }));
    expect(await alertsOf(pingshan, vehicle.id)).toEqual([]);
    await post(vehicle, eastboundTrack({ count: 5, firstSeq: 21, lat: 22.7, lon: 114.355, endMsAgo: 5_000 }));
    expect((await alertsOf(pingshan, vehicle.id)).map((a) => a.type)).toContain('NO_ACTIVE_PERMIT');
  });

  it('lets the enterprise acknowledge and a regulator resolve; the next violation opens a new alert', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    await post(vehicle, eastboundTrack({ count: 3 }));
    const [first] = await alertsOf(pingshan, vehicle.id);
    expect(first).toMatchObject({ type: 'NO_ACTIVE_PERMIT', pointCount: 3 });
    await http().post(`/v1/alerts/${first.id}/resolve`).set(enterprise.admin.auth).send({}).expect(400);
    expect(
      (
        await http()
          .post(`/v1/alerts/${first.id}/acknowledge`)
          .set(enterprise.admin.auth)
          .send({ note: 'checking' })
          .expect(200)
      ).body.status,
    ).toBe('ACKNOWLEDGED');
    await http().post(`/v1/alerts/${first.id}/acknowledge`).set(enterprise.admin.auth).send({}).expect(409);
    expect(
      (
        await http()
          .post(`/v1/alerts/${first.id}/resolve`)
          .set(pingshan.auth)
          .send({ note: 'permit application filed' })
          .expect(200)
      ).body.status,
    ).toBe('RESOLVED');
    await post(vehicle, eastboundTrack({ count: 2, firstSeq: 4 }));
    const after = await alertsOf(pingshan, vehicle.id);
    expect(after.map((a) => a.status).sort()).toEqual(['OPEN', 'RESOLVED']);
  });

  it('marks alerts raised by late points, flags overspeeding small vehicles, and scans for telemetry gaps', async () => {
    const late = await createVehicle(ctx.api, enterprise);
    await post(late, eastboundTrack({ count: 3, endMsAgo: 20 * 60_000 }));
    expect((await alertsOf(pingshan, late.id))[0]).toMatchObject({ type: 'NO_ACTIVE_PERMIT', late: true });

    const { vehicle: small } = await permitted(
      enterprise,
      pingshan,
      'SMALL_UNMANNED_VEHICLE',
      zones['PS-WHOLE-DISTRICT'],
      {},
      {
        category: 'SMALL_UNMANNED_VEHICLE',
        vehicleCode: 'MT0042',
        plate: undefined,
        seats: 0,
      },
    );
    await post(
      small,
      eastboundTrack({ count: 4 }).map((p, i) => ({ ...p, speedKmh: i < 2 ? 30 : 60 })),
    );
    expect(await alertsOf(pingshan, small.id)).toMatchObject([
      { type: 'OVERSPEED', pointCount: 2, ruleId: 'REF-SMALL-SIZE' },
    ]);

    const { vehicle: silent } = await permitted(enterprise, pingshan, 'ROAD_TEST', zones['PS-WHOLE-DISTRICT']);
    await post(silent, eastboundTrack({ count: 3 }));
    await ctx.dataSource.query(
      `UPDATE vehicle_telemetry_state SET last_received_at = now() - interval '10 minutes' WHERE vehicle_id = $1`,
      [silent.id],
    );
    await ctx.worker!.get<Queue>(getQueueToken(QueueName.Maintenance)).add('maintenance.telemetry-gaps', {});
    const gap = await waitFor(async () =>
      (await alertsOf(pingshan, silent.id)).find((a) => a.type === 'TELEMETRY_GAP'),
    );
    expect(gap.status).toBe('OPEN');
  });

  it('raises Beijing driverless operation in the peak hours under SEED-BJ-DL', async () => {
    const bjEnterprise = await registerEnterprise(ctx.api, 'CN-BJ-YIZHUANG', beijing);
    const bjZones = await createFixtureZones(ctx.api, beijing, 'CN-BJ-YIZHUANG');
    const { vehicle } = await permitted(
      bjEnterprise,
      beijing,
      'DRIVERLESS_PILOT',
      bjZones['BJ-DRIVERLESS-20'],
      { requestedDriverlessStage: 'FRONT_PASSENGER_OFFICER' },
      { plate: '京A12345试' },
    );
    // 07:30 in Beijing (23:30 UTC) on the most recent past day, inside the driverless test area.
    const peak = new Date();
    peak.setUTCHours(23, 30, 0, 0);
    if (peak.getTime() > Date.now()) peak.setUTCDate(peak.getUTCDate() - 1);
    const points = Array.from({ length: 5 }, (_, i) => ({
      seq: i + 1,
      ts: peak.getTime() + i * 1000,
      lat: 39.79,
      lon: 116.51 + i * 0.0001,
      speedKmh: 30,
      headingDeg: 90,
      mode: 'AUTONOMOUS' as const,
    }));
    await post(vehicle, points);
    expect(await alertsOf(beijing, vehicle.id)).toMatchObject([
      { type: 'OUTSIDE_HOURS', ruleId: 'SEED-BJ-DL', pointCount: 5 },
    ]);
  });

  it('streams a new alert to regulators within 2 s of the offending point being accepted', async () => {
    await ctx.api.listen(0, '127.0.0.1');
    const { port } = ctx.api.getHttpServer().address() as AddressInfo;
    const vehicle = await createVehicle(ctx.api, enterprise);
    const received = new Promise<{ event: string; data: { vehicleId: string; type: string }; at: number }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            port,
            host: '127.0.0.1',
            path: '/v1/alerts/stream',
            headers: { authorization: pingshan.auth.Authorization, accept: 'text/event-stream' },
          },
          (res) => {
            expect(res.statusCode).toBe(200);
            let buffer = '';
            res.on('data', (chunk: Buffer) => {
              buffer += chunk.toString();
              for (const block of buffer.split('\n\n').slice(0, -1)) {
                const event = /event: (.*)/.exec(block)?.[1] ?? '';
                const data = JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null') as {
                  vehicleId: string;
                  type: string;
                } | null;
                if (data?.vehicleId === vehicle.id) {
                  resolve({ event, data, at: Date.now() });
                  req.destroy();
                }
              }
              buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
            });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    const acceptedAt = Date.now();
    await http()
      .post('/v1/telemetry')
      .set(vehicle.auth)
      .send({ points: eastboundTrack({ count: 2 }) })
      .expect(202);
    const event = await received;
    expect(event.event).toBe('alert.opened');
    expect(event.data.type).toBe('NO_ACTIVE_PERMIT');
    expect(event.at - acceptedAt).toBeLessThan(2000);
  });
});
