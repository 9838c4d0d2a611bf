import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '@app/core';
import { RoadsideDevicesService } from '@app/roadside';
import { createFixtureZones, createVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { waitFor } from './support/wait-for';

interface DeviceBody {
  id: string;
  serial: string;
  kind: string;
  zoneId: string;
  status: string;
  position: { lat: number; lon: number } | null;
  description: string | null;
  lastHeartbeatAt: string | null;
  firmwareVersion: string | null;
  uptimeSeconds: number | null;
  tokenPrefix: string;
  token?: string;
}

interface AlertBody {
  id: string;
  type: string;
  status: string;
  severity: string;
  ruleId: string;
  vehicleId: string | null;
  enterpriseId: string | null;
  deviceId: string | null;
  jurisdictionCode: string;
  message: { zh: string; en: string };
  resolvedBy: string | null;
  note: string | null;
}

const OFFLINE_SECONDS = 3;
const HEARTBEATS_PER_MINUTE = 20;
/** Inside PS-SMALL-VEHICLE-CORE (and so inside the whole district), outside the closed field. */
const CORE = { lat: 22.7, lon: 114.355 };

describe('roadside devices', () => {
  let ctx: TestContext;
  let pingshan: Session;
  let beijing: Session;
  let auditor: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;
  let bjZones: Record<string, string>;
  let maintenance: Queue;
  let serials = 0;
  const http = () => request(ctx.api.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ctx = await startTestContext({
      worker: true,
      env: {
        ROADSIDE_OFFLINE_SECONDS: String(OFFLINE_SECONDS),
        ROADSIDE_HEARTBEAT_MAX_PER_MINUTE: String(HEARTBEATS_PER_MINUTE),
      },
    });
    maintenance = ctx.worker!.get<Queue>(getQueueToken(QueueName.Maintenance));
    // The tests run the scan themselves, so that it never runs between a step and its check.
    await maintenance.removeJobScheduler('roadside-offline-every-30s');
    pingshan = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    auditor = await createStaff(ctx.api, 'AUDITOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', pingshan);
    zones = await createFixtureZones(ctx.api, pingshan, 'CN-SZ-PINGSHAN');
    bjZones = await createFixtureZones(ctx.api, beijing, 'CN-BJ-YIZHUANG');
  });
  afterAll(() => ctx.close());

  const nextSerial = (prefix = 'PS-RSU') => `${prefix}-${String(++serials).padStart(4, '0')}`;

  async function register(
    overrides: Record<string, unknown> = {},
    session = pingshan,
  ): Promise<DeviceBody & { token: string }> {
    const res = await http()
      .post('/v1/roadside-devices')
      .set(session.auth)
      .send({
        kind: 'RSU',
        serial: nextSerial(),
        zoneId: zones['PS-SMALL-VEHICLE-CORE'],
        position: CORE,
        ...overrides,
      })
      .expect(201);
    return res.body;
  }

  const heartbeat = (token: string, body: Record<string, unknown> = {}) =>
    http().post('/v1/roadside-devices/heartbeat').set(bearer(token)).send(body);

  const deviceOf = async (id: string, session = pingshan): Promise<DeviceBody> =>
    (await http().get(`/v1/roadside-devices/${id}`).set(session.auth).expect(200)).body;

  const deviceAlerts = async (session: Session, deviceId: string): Promise<AlertBody[]> =>
    ((await http().get('/v1/alerts').query({ limit: 500 }).set(session.auth).expect(200)).body as AlertBody[]).filter(
      (a) => a.deviceId === deviceId,
    );

  async function runOfflineScan(): Promise<void> {
    const job = await maintenance.add('maintenance.roadside-offline', {});
    await waitFor(async () => {
      const state = await job.getState();
      if (state === 'failed') throw new Error('the roadside offline scan failed');
      return state === 'completed' ? true : undefined;
    });
  }

  it('lets regulators register devices in their own zones, each serial once per jurisdiction, and no one else', async () => {
    const device = await register({ kind: 'CAMERA', description: 'Junction camera, north arm' });
    expect(device.token).toMatch(/^dt_/);
    expect(device).toMatchObject({
      kind: 'CAMERA',
      status: 'NEVER_SEEN',
      position: CORE,
      description: 'Junction camera, north arm',
      lastHeartbeatAt: null,
      tokenPrefix: device.token.slice(0, 10),
    });
    const read = await deviceOf(device.id);
    expect(read.token).toBeUndefined();
    expect(read.tokenPrefix).toBe(device.tokenPrefix);

    await http()
      .post('/v1/roadside-devices')
      .set(enterprise.admin.auth)
      .send({ kind: 'RSU', serial: nextSerial(), zoneId: zones['PS-WHOLE-DISTRICT'] })
      .expect(403);
    await http().get('/v1/roadside-devices').set(enterprise.admin.auth).expect(403);
    await http().get('/v1/roadside-devices').set(bearer(device.token)).expect(401);
    await http()
      .post('/v1/roadside-devices')
      .set(auditor.auth)
      .send({ kind: 'RSU', serial: nextSerial(), zoneId: zones['PS-WHOLE-DISTRICT'] })
      .expect(403);

    const foreignZone = await http()
      .post('/v1/roadside-devices')
      .set(pingshan.auth)
      .send({ kind: 'RSU', serial: nextSerial(), zoneId: bjZones['BJ-CORE-60'] })
      .expect(400);
    expect(foreignZone.body.errors).toEqual([{ field: 'zoneId', reason: 'no such zone in CN-SZ-PINGSHAN' }]);
    // In the district, but west of the small-vehicle core.
    const outside = await http()
      .post('/v1/roadside-devices')
      .set(pingshan.auth)
      .send({
        kind: 'RSU',
        serial: nextSerial(),
        zoneId: zones['PS-SMALL-VEHICLE-CORE'],
        position: { lat: 22.7, lon: 114.32 },
      })
      .expect(400);
    expect(outside.body.errors).toEqual([{ field: 'position', reason: 'must lie inside zone PS-SMALL-VEHICLE-CORE' }]);
    const badPosition = await http()
      .post('/v1/roadside-devices')
      .set(pingshan.auth)
      .send({
        kind: 'SONAR',
        serial: nextSerial(),
        zoneId: zones['PS-WHOLE-DISTRICT'],
        position: { lat: 95, lon: 114.3 },
      })
      .expect(400);
    expect(badPosition.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'position.lat']);

    const duplicate = await http()
      .post('/v1/roadside-devices')
      .set(pingshan.auth)
      .send({ kind: 'RSU', serial: device.serial, zoneId: zones['PS-WHOLE-DISTRICT'] })
      .expect(409);
    expect(duplicate.body.type).toBe('/problems/roadside-device-exists');
    const inBeijing = await register(
      { serial: device.serial, zoneId: bjZones['BJ-CORE-60'], position: { lat: 39.79, lon: 116.51 } },
      beijing,
    );
    expect(inBeijing.status).toBe('NEVER_SEEN');
    await http().get(`/v1/roadside-devices/${device.id}`).set(beijing.auth).expect(404);

    const cameras = await http()
      .get('/v1/roadside-devices')
      .query({ kind: 'CAMERA', status: 'NEVER_SEEN', zoneId: zones['PS-SMALL-VEHICLE-CORE'] })
      .set(auditor.auth)
      .expect(200);
    expect(cameras.body.map((d: DeviceBody) => d.id)).toEqual([device.id]);
    const elsewhere = await http()
      .get('/v1/roadside-devices')
      .query({ zoneId: zones['PS-WHOLE-DISTRICT'] })
      .set(pingshan.auth)
      .expect(200);
    expect(elsewhere.body.map((d: DeviceBody) => d.id)).not.toContain(device.id);
  });

  it('moves, re-keys and decommissions a device, auditing each change without token material', async () => {
    const device = await register();
    const moved = await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(pingshan.auth)
      .send({ zoneId: zones['PS-WHOLE-DISTRICT'], description: 'moved to the district pole' })
      .expect(200);
    expect(moved.body).toMatchObject({ zoneId: zones['PS-WHOLE-DISTRICT'], position: CORE });
    const notInField = await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(pingshan.auth)
      .send({ zoneId: zones['PS-CLOSED-FIELD'] })
      .expect(400);
    expect(notInField.body.errors).toEqual([{ field: 'position', reason: 'must lie inside zone PS-CLOSED-FIELD' }]);
    const cleared = await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(pingshan.auth)
      .send({ zoneId: zones['PS-CLOSED-FIELD'], position: null, description: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ zoneId: zones['PS-CLOSED-FIELD'], position: null, description: null });
    await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(pingshan.auth)
      .send({ zoneId: bjZones['BJ-CORE-60'] })
      .expect(400);
    await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(beijing.auth)
      .send({ description: 'not mine' })
      .expect(404);

    const rotated = await http().post(`/v1/roadside-devices/${device.id}/token`).set(pingshan.auth).expect(201);
    expect(rotated.body.token).not.toBe(device.token);
    await heartbeat(device.token).expect(401);
    await heartbeat(rotated.body.token).expect(200);

    const retired = await http()
      .post(`/v1/roadside-devices/${device.id}/decommission`)
      .set(pingshan.auth)
      .send({ reason: 'pole removed for road works' })
      .expect(200);
    expect(retired.body.status).toBe('DECOMMISSIONED');
    await heartbeat(rotated.body.token).expect(401);
    const again = await http()
      .patch(`/v1/roadside-devices/${device.id}`)
      .set(pingshan.auth)
      .send({ description: 'back?' })
      .expect(409);
    expect(again.body.currentState).toBe('DECOMMISSIONED');
    const inService = await http().get('/v1/roadside-devices').set(pingshan.auth).expect(200);
    expect(inService.body.map((d: DeviceBody) => d.id)).not.toContain(device.id);
    const decommissioned = await http()
      .get('/v1/roadside-devices')
      .query({ status: 'DECOMMISSIONED' })
      .set(pingshan.auth)
      .expect(200);
    expect(decommissioned.body.map((d: DeviceBody) => d.id)).toEqual([device.id]);

    const audit = await http()
      .get('/v1/audit')
      .query({ entityType: 'roadside-device', entityId: device.id })
      .set(auditor.auth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'roadside-device.decommissioned',
      'roadside-device.token-rotated',
      'roadside-device.updated',
      'roadside-device.updated',
      'roadside-device.registered',
    ]);
    const logged = JSON.stringify(audit.body.items);
    expect(logged).not.toContain(device.token);
    expect(logged).not.toContain(rotated.body.token);
  });

  it('takes heartbeats with the device’s own token only, validates them strictly, and limits them per device', async () => {
    const device = await register();
    const answer = await heartbeat(device.token, { firmwareVersion: 'RSU-OS 2.4.1', uptimeSeconds: 86_400 }).expect(
      200,
    );
    expect(answer.body).toMatchObject({ deviceId: device.id, status: 'ONLINE', offlineAfterSeconds: OFFLINE_SECONDS });
    const online = await deviceOf(device.id);
    expect(online).toMatchObject({ status: 'ONLINE', firmwareVersion: 'RSU-OS 2.4.1', uptimeSeconds: 86_400 });
    expect(Math.abs(new Date(online.lastHeartbeatAt!).getTime() - Date.now())).toBeLessThan(10_000);

    const vehicle = await createVehicle(ctx.api, enterprise);
    await heartbeat(vehicle.token).expect(401);
    await heartbeat('dt_not-a-real-token').expect(401);
    await http().post('/v1/roadside-devices/heartbeat').send({}).expect(401);
    const person = await http().post('/v1/roadside-devices/heartbeat').set(pingshan.auth).send({}).expect(401);
    expect(person.body.type).toBe('/problems/invalid-device-token');

    const negative = await heartbeat(device.token, { uptimeSeconds: -1 }).expect(400);
    expect(negative.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(negative.body.errors).toEqual([{ field: 'uptimeSeconds', reason: 'uptimeSeconds must not be less than 0' }]);
    const unknown = await heartbeat(device.token, { temperatureC: 41 }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'temperatureC', reason: 'property temperatureC should not exist' }]);
    const longFirmware = await heartbeat(device.token, { firmwareVersion: 'v'.repeat(65) }).expect(400);
    expect(longFirmware.body.errors[0].field).toBe('firmwareVersion');
    // Firmware is kept from earlier heartbeats; uptime is only what the latest one said.
    await heartbeat(device.token).expect(200);
    expect(await deviceOf(device.id)).toMatchObject({ firmwareVersion: 'RSU-OS 2.4.1', uptimeSeconds: null });

    // The per-device budget counts calendar minutes: start the burst well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const busy = await register();
    for (let i = 0; i < HEARTBEATS_PER_MINUTE; i += 1) await heartbeat(busy.token).expect(200);
    const refused = await heartbeat(busy.token).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another device behind the same address is not affected.
    await heartbeat(device.token).expect(200);
  });

  it('marks a silent device offline with one alert its regulators see and enterprises do not, resolved by the next heartbeat', async () => {
    const device = await register({ kind: 'RADAR' });
    const neverSeen = await register();
    await heartbeat(device.token).expect(200);
    await new Promise((resolve) => setTimeout(resolve, (OFFLINE_SECONDS + 0.5) * 1000));
    await runOfflineScan();
    await runOfflineScan();

    const alerts = await deviceAlerts(pingshan, device.id);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      type: 'DEVICE_OFFLINE',
      status: 'OPEN',
      severity: 'MEDIUM',
      ruleId: 'SEED-PS-PLATFORM',
      jurisdictionCode: 'CN-SZ-PINGSHAN',
      vehicleId: null,
      enterpriseId: null,
    });
    expect(alert.message.en).toBe(
      `Roadside device ${device.serial} (RADAR) offline: no heartbeat for over ${OFFLINE_SECONDS} s`,
    );
    expect(alert.message.zh).toBe(`路侧设备 ${device.serial}（毫米波雷达）离线：超过 ${OFFLINE_SECONDS} 秒无心跳`);
    expect((await deviceOf(device.id)).status).toBe('OFFLINE');
    expect(await deviceAlerts(pingshan, neverSeen.id)).toEqual([]);
    expect((await deviceOf(neverSeen.id)).status).toBe('NEVER_SEEN');

    expect(await deviceAlerts(enterprise.admin, device.id)).toEqual([]);
    await http().get(`/v1/alerts/${alert.id}`).set(enterprise.admin.auth).expect(404);
    await http().get(`/v1/alerts/${alert.id}`).set(beijing.auth).expect(404);

    await heartbeat(device.token).expect(200);
    const resolved = (await http().get(`/v1/alerts/${alert.id}`).set(pingshan.auth).expect(200)).body as AlertBody;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedBy: null, note: 'heartbeat resumed' });
    expect((await deviceOf(device.id)).status).toBe('ONLINE');
    // The system resolved it, not a person: nothing in the audit log.
    const audit = await http()
      .get('/v1/audit')
      .query({ entityType: 'alert', entityId: alert.id })
      .set(auditor.auth)
      .expect(200);
    expect(audit.body.items).toEqual([]);
  });

  it('resolves an offline alert when its device is decommissioned, and counts devices by kind and status', async () => {
    const device = await register({ kind: 'LIDAR' });
    await heartbeat(device.token).expect(200);
    await new Promise((resolve) => setTimeout(resolve, (OFFLINE_SECONDS + 0.5) * 1000));
    await runOfflineScan();
    const [alert] = await deviceAlerts(pingshan, device.id);
    expect(alert.status).toBe('OPEN');
    await http()
      .post(`/v1/roadside-devices/${device.id}/decommission`)
      .set(pingshan.auth)
      .send({ reason: 'replaced' })
      .expect(200);
    const closed = (await http().get(`/v1/alerts/${alert.id}`).set(pingshan.auth).expect(200)).body as AlertBody;
    expect(closed).toMatchObject({ status: 'RESOLVED', note: 'device decommissioned: replaced' });

    // The statistics agree with what regulators list.
    const listed = async (status: string): Promise<DeviceBody[]> =>
      (await http().get('/v1/roadside-devices').query({ status }).set(pingshan.auth).expect(200)).body;
    const [online, offline, never, retired] = await Promise.all(
      ['ONLINE', 'OFFLINE', 'NEVER_SEEN', 'DECOMMISSIONED'].map(listed),
    );
    const counts = await ctx.api.get(RoadsideDevicesService).countsByJurisdiction('CN-SZ-PINGSHAN');
    expect(counts.byStatus).toEqual({ ONLINE: online.length, OFFLINE: offline.length, NEVER_SEEN: never.length });
    expect(counts.decommissioned).toBe(retired.length);
    const inService = [...online, ...offline, ...never];
    expect(counts.total).toBe(inService.length);
    expect(counts.byKind.LIDAR).toBe(inService.filter((d) => d.kind === 'LIDAR').length);
    expect(counts.byKind.RSU).toBe(inService.filter((d) => d.kind === 'RSU').length);
    expect(counts.byStatus.OFFLINE).toBeGreaterThan(0);
  });
});
