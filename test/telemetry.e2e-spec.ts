import request from 'supertest';
import { deltasForNewPoints, dayFormatter, Mode, parseTimestamp, type TrackPoint, ZoneIndex } from '@app/telemetry';
import { ZonesService } from '@app/fleet';
import { createFixtureZones, createVehicle, type TestVehicle } from './support/fleet-helpers';
import { createStaff, registerEnterprise, type Session, type TestEnterprise } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack, type WirePoint } from './support/track';
import { waitFor } from './support/wait-for';

describe('telemetry ingest through the real API, queue and worker', () => {
  let ctx: TestContext;
  let regulator: Session;
  let enterprise: TestEnterprise;
  let zones: Record<string, string>;

  beforeAll(async () => {
    ctx = await startTestContext({ worker: true });
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    zones = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
  });
  afterAll(() => ctx.close());
  const http = () => request(ctx.api.getHttpServer());
  const post = (vehicle: TestVehicle, points: unknown) =>
    http().post('/v1/telemetry').set(vehicle.auth).send({ points });
  const watermark = async (vehicle: TestVehicle) =>
    (await http().get('/v1/telemetry/watermark').set(vehicle.auth).expect(200)).body.persistedThroughSeq as number;
  const waitForWatermark = (vehicle: TestVehicle, seq: number) =>
    waitFor(async () => ((await watermark(vehicle)) >= seq ? true : undefined));

  /** What the protocol's definitions give for a track, computed independently of the pipeline. */
  async function expectedTotals(points: WirePoint[]) {
    const index = new ZoneIndex(
      (await ctx.api.get(ZonesService).areas()).map((a) => ({ ...a, area: a.area as never })),
    );
    const track: TrackPoint[] = points.map((p) => ({
      seq: p.seq,
      ts: parseTimestamp(p.ts),
      lat: p.lat,
      lon: p.lon,
      mode: Mode[p.mode],
      zones: index.zonesAt('CN-SZ-PINGSHAN', p.lat, p.lon),
    }));
    const bySeq = new Map(track.map((p) => [p.seq, p]));
    return deltasForNewPoints(track, (seq) => bySeq.get(seq), dayFormatter('Asia/Shanghai'));
  }

  it('accepts valid points, rejects bad ones alone, and reports the watermark', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    const points: unknown[] = eastboundTrack({ count: 5 });
    points[2] = { ...(points[2] as object), lat: 123 };
    const res = await post(vehicle, points).expect(202);
    expect(res.body).toEqual({
      accepted: 4,
      rejected: [{ index: 2, seq: 3, reason: 'lat out of range' }],
      persistedThroughSeq: 0,
    });
    // The rejected seq counts as consumed, so the watermark passes it.
    await waitForWatermark(vehicle, 5);
    const position = await http().get(`/v1/vehicles/${vehicle.id}/position`).set(enterprise.admin.auth).expect(200);
    expect(position.body).toMatchObject({
      persistedThroughSeq: 5,
      pointsStored: 4,
      position: { seq: 5, mode: 'AUTONOMOUS', lat: 22.7 },
    });
  });

  it('refuses malformed requests with 400 problem+json and takes nothing', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    const missing = await http().post('/v1/telemetry').set(vehicle.auth).send({}).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors).toEqual([{ field: 'points', reason: 'is required' }]);
    const tooMany = await post(vehicle, eastboundTrack({ count: 1001 })).expect(400);
    expect(tooMany.body.errors[0]).toEqual({
      field: 'points',
      reason: 'must hold at most 1000 points (got 1001)',
    });
    await http()
      .post('/v1/telemetry')
      .set(vehicle.auth)
      .set('Content-Type', 'application/json')
      .send('{"points":[')
      .expect(400);
    await http()
      .post('/v1/telemetry')
      .set(vehicle.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ points: [], pad: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expect(await watermark(vehicle)).toBe(0);
  });

  it('accepts only the vehicle’s own live token, and stops a revoked one at once even when cached', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    await post({ ...vehicle, auth: enterprise.admin.auth }, eastboundTrack({ count: 1 })).expect(401);
    await http().get('/v1/enterprises').set(vehicle.auth).expect(401);
    // Used once, so the API has it cached.
    await post(vehicle, eastboundTrack({ count: 1 })).expect(202);
    const rotated = await http().post(`/v1/vehicles/${vehicle.id}/credentials`).set(enterprise.admin.auth).expect(201);
    const old = await post(vehicle, eastboundTrack({ count: 1, firstSeq: 2 })).expect(401);
    expect(old.body.type).toBe('/problems/invalid-vehicle-token');
    await http().get('/v1/telemetry/watermark').set(vehicle.auth).expect(401);
    const current = { ...vehicle, auth: { Authorization: `Bearer ${rotated.body.token}` } };
    await post(current, eastboundTrack({ count: 1, firstSeq: 2 })).expect(202);
    await http()
      .delete(`/v1/vehicles/${vehicle.id}/credentials/${rotated.body.id}`)
      .set(enterprise.admin.auth)
      .expect(200);
    await post(current, eastboundTrack({ count: 1, firstSeq: 3 })).expect(401);
    const listed = await http().get(`/v1/vehicles/${vehicle.id}/credentials`).set(enterprise.admin.auth).expect(200);
    expect(listed.body.map((c: { revokedAt: string | null }) => c.revokedAt !== null)).toEqual([true, true]);
    expect(JSON.stringify(listed.body)).not.toContain(rotated.body.token);
  });

  it('counts mileage, hours, zones and takeovers exactly once whatever the order, batching and duplication', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    // 400 points east from inside the small-vehicle core to outside it; a takeover at 250; seq 300 never arrives.
    const track = eastboundTrack({
      count: 400,
      modeAt: (i) => (i >= 249 && i < 260 ? 'MANUAL' : 'AUTONOMOUS'),
    }).filter((p) => p.seq !== 300);
    const shuffled = [...track].sort((a, b) => ((a.seq * 7919) % 401) - ((b.seq * 7919) % 401));
    const batches = [shuffled.slice(0, 150), shuffled.slice(100, 260), shuffled.slice(260), shuffled.slice(30, 90)];
    for (const batch of batches) await post(vehicle, batch).expect(202);
    // The watermark stops before the missing seq.
    await waitForWatermark(vehicle, 299);
    await waitFor(async () => {
      const position = await http().get(`/v1/vehicles/${vehicle.id}/position`).set(enterprise.admin.auth).expect(200);
      return position.body.pointsStored === track.length ? true : undefined;
    });
    expect(await watermark(vehicle)).toBe(299);

    const expected = await expectedTotals(track);
    // The track may straddle local midnight: compare day by day over the days it covers.
    const days = [...expected.daily.keys()].sort();
    const stats = await http()
      .get(`/v1/vehicles/${vehicle.id}/stats`)
      .query({ from: days[0], to: days[days.length - 1] })
      .set(enterprise.admin.auth)
      .expect(200);
    const hours = (ms: number) => Math.round((ms / 3.6e6) * 1e6) / 1e6;
    expect(stats.body.days).toEqual(
      days.map((day) => {
        const daily = expected.daily.get(day)!;
        return {
          day,
          km: { autonomous: daily.autonomousMm / 1e6, manual: daily.manualMm / 1e6, remote: 0 },
          hours: { autonomous: hours(daily.autonomousMs), manual: hours(daily.manualMs), remote: 0 },
          points: daily.points,
          positionJumps: 0,
          qualityEvents: 0,
        };
      }),
    );
    expect(stats.body.total.points).toBe(track.length);
    expect(stats.body.total.km.autonomous).toBeGreaterThan(3.5);
    const zoneMm = (code: string) =>
      days.reduce((t, day) => t + (expected.zoneDaily.get(`${zones[code]}|${day}`)?.autonomousMm ?? 0), 0);
    const core = stats.body.zones.find((z: { code: string }) => z.code === 'PS-SMALL-VEHICLE-CORE');
    expect(core.km.autonomous).toBe(zoneMm('PS-SMALL-VEHICLE-CORE') / 1e6);
    expect(core.km.autonomous).toBeLessThan(stats.body.total.km.autonomous);
    expect(stats.body.zones.map((z: { code: string }) => z.code).sort()).toEqual(
      ['PS-BUS-13KM', 'PS-SMALL-VEHICLE-CORE', 'PS-WHOLE-DISTRICT']
        .filter((code) => days.some((day) => expected.zoneDaily.has(`${zones[code]}|${day}`)))
        .sort(),
    );

    const takeovers = await ctx.dataSource.query(
      `SELECT seq, from_mode, to_mode FROM takeovers WHERE vehicle_id = $1`,
      [vehicle.id],
    );
    expect(takeovers).toEqual([{ seq: '250', from_mode: 1, to_mode: 0 }]);
    const [{ count }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS count FROM telemetry_points WHERE vehicle_id = $1`,
      [vehicle.id],
    );
    expect(count).toBe(track.length);
  });

  it('pages a track in time order and summarises the fleet within the tenant', async () => {
    const vehicle = await createVehicle(ctx.api, enterprise);
    const points = eastboundTrack({ count: 30 });
    await post(vehicle, points).expect(202);
    await waitForWatermark(vehicle, 30);
    const from = new Date(parseTimestamp(points[0].ts)).toISOString();
    const to = new Date(parseTimestamp(points[29].ts) + 1).toISOString();
    const first = await http()
      .get(`/v1/vehicles/${vehicle.id}/track`)
      .query({ from, to, limit: 20 })
      .set(enterprise.admin.auth)
      .expect(200);
    expect(first.body.points.map((p: { seq: number }) => p.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const second = await http()
      .get(`/v1/vehicles/${vehicle.id}/track`)
      .query({ from, to, limit: 20, after: first.body.next })
      .set(enterprise.admin.auth)
      .expect(200);
    expect(second.body.points.map((p: { seq: number }) => p.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 21));
    expect(second.body.next).toBeNull();

    const summary = await http().get('/v1/fleet/summary').set(enterprise.admin.auth).expect(200);
    expect(summary.body.items.map((v: { vehicleId: string }) => v.vehicleId)).toContain(vehicle.id);
    const other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
    const theirs = await http().get('/v1/fleet/summary').set(other.admin.auth).expect(200);
    expect(theirs.body).toMatchObject({ vehicles: 0, items: [] });
    await http().get(`/v1/vehicles/${vehicle.id}/track`).query({ from, to }).set(other.admin.auth).expect(404);
    const beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
    await http().get(`/v1/vehicles/${vehicle.id}/position`).set(beijing.auth).expect(404);
    await http().get(`/v1/vehicles/${vehicle.id}/position`).set(regulator.auth).expect(200);
  });
});

describe('telemetry back-pressure', () => {
  let ctx: TestContext;
  let enterprise: TestEnterprise;
  beforeAll(async () => {
    // No worker: jobs wait, so the queue limit is reached.
    ctx = await startTestContext({
      env: { TELEMETRY_QUEUE_MAX_WAITING: '2', TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE: '5' },
    });
    const regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
  });
  afterAll(() => ctx.close());

  it('answers 503 with Retry-After above the queue limit, and 429 above the vehicle’s rate', async () => {
    const http = () => request(ctx.api.getHttpServer());
    const [a, b] = [await createVehicle(ctx.api, enterprise), await createVehicle(ctx.api, enterprise)];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (
          await http()
            .post('/v1/telemetry')
            .set(a.auth)
            .send({ points: eastboundTrack({ count: 1, firstSeq: i + 1 }) })
        ).status,
      );
    expect(statuses).toEqual([202, 202, 202, 503]);
    const full = await http()
      .post('/v1/telemetry')
      .set(b.auth)
      .send({ points: eastboundTrack({ count: 1 }) })
      .expect(503);
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0);
    expect(full.body.type).toBe('/problems/service-unavailable');

    await http().post('/v1/telemetry').set(a.auth).send({ points: [] }).expect(503);
    const limited = await http().post('/v1/telemetry').set(a.auth).send({ points: [] }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
