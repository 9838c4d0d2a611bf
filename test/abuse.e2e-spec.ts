import fc from 'fast-check';
import request from 'supertest';
import { abuseCases, type AbuseCase, ROUTES } from './support/abuse-cases';
import {
  type AbuseWorld,
  buildWorld,
  mismatch,
  RawClient,
  requestOf,
  settle,
  snapshotState,
} from './support/abuse-harness';
import { materialise, type StoredPoint, telemetryRequest, VehicleModel } from './support/abuse-points';
import { createVehicle, type TestVehicle } from './support/fleet-helpers';
import { registerEnterprise } from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';
import { eastboundTrack } from './support/track';
import { waitFor } from './support/wait-for';

/** The area of an operation: its first path segment after the version, e.g. `vehicles`. */
const areaOf = (operation: string): string =>
  operation
    .split(' ')[1]
    .split('/')
    .filter((s) => s !== '' && s !== 'v1')[0];
const AREAS = [...new Set(ROUTES.map((r) => areaOf(r.operation)))];

const FUZZ_RUNS = 10_000;
const FUZZ_VEHICLES = 4;

describe('abuse through the real HTTP API', () => {
  let ctx: TestContext;
  let client: RawClient;
  let world: AbuseWorld;
  let cases: AbuseCase[];
  const http = () => request(ctx.api.getHttpServer());

  beforeAll(async () => {
    ctx = await startTestContext({
      worker: true,
      env: {
        // Hundreds of requests from one address and ten thousand from a few vehicles in a minute:
        // the limits are not what this suite tests (the security suite does), the input is.
        RATE_LIMIT_PER_MINUTE: '100000',
        LOGIN_MAX_ATTEMPTS_PER_IP: '1000',
        TELEMETRY_MAX_REQUESTS_PER_VEHICLE_PER_MINUTE: '100000',
        TELEMETRY_QUEUE_MAX_WAITING: '100000',
        ROADSIDE_HEARTBEAT_MAX_PER_MINUTE: '1000',
      },
    });
    client = await RawClient.listen(ctx);
    world = await buildWorld(ctx);
    cases = abuseCases(ctx.env.BODY_LIMIT_BYTES);
  });
  afterAll(async () => {
    client.close();
    await ctx.close();
  });

  it('has at least 200 cases and some for every operation the OpenAPI document lists', async () => {
    const document = (await http().get('/docs-json').expect(200)).body as { paths: Record<string, object> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const covered = new Set(cases.map((c) => c.operation));
    expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
    // And no case aims at an operation the API does not have.
    expect([...covered].filter((operation) => !operations.includes(operation))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(AREAS)('%s: every hostile request gets its 4xx problem+json and changes nothing', async (area) => {
    await settle(ctx);
    const before = await snapshotState(ctx, world);
    const failures: string[] = [];
    for (const abuse of cases.filter((c) => areaOf(c.operation) === area)) {
      const { method, path, headers, body } = requestOf(abuse, world);
      const reply = await client.send(method, path, headers, body).catch((error: Error) => error);
      const why = reply instanceof Error ? reply.message : mismatch(abuse, reply);
      if (why) failures.push(`${abuse.operation} «${abuse.name}» as ${abuse.caller}: ${why}`);
    }
    // A refused request that enqueued work anyway would show once the work is done.
    await settle(ctx);
    expect(failures).toEqual([]);
    expect(await snapshotState(ctx, world)).toEqual(before);
  });

  describe('telemetry points', () => {
    let vehicle: TestVehicle;
    const watermark = async (v: TestVehicle): Promise<number> =>
      (await http().get('/v1/telemetry/watermark').set(v.auth).expect(200)).body.persistedThroughSeq as number;
    const waitForWatermark = (v: TestVehicle, seq: number) =>
      waitFor(async () => ((await watermark(v)) >= seq ? true : undefined), 60_000);
    const stored = async (vehicleId: string): Promise<Map<number, StoredPoint>> => {
      const rows = await ctx.dataSource.query<
        {
          seq: string;
          ts: Date;
          lat: number;
          lon: number;
          speed_kmh: number;
          heading_deg: number;
          odometer_km: number | null;
          mode: number;
        }[]
      >(
        `SELECT seq, ts, lat, lon, speed_kmh, heading_deg, odometer_km, mode FROM telemetry_points WHERE vehicle_id = $1`,
        [vehicleId],
      );
      const modes = ['MANUAL', 'AUTONOMOUS', 'REMOTE'];
      return new Map(
        rows.map((r) => [
          Number(r.seq),
          {
            ts: r.ts.getTime(),
            lat: r.lat,
            lon: r.lon,
            speedKmh: r.speed_kmh,
            // A real (float4) column: its shortest decimal text parses to another double than the float4 value.
            headingDeg: Math.fround(r.heading_deg),
            odometerKm: r.odometer_km,
            mode: modes[r.mode],
          },
        ]),
      );
    };

    beforeAll(async () => {
      vehicle = await createVehicle(ctx.api, await registerEnterprise(ctx.api));
    });

    it('rejects each hostile point alone, stores none of them, and takes the valid ones', async () => {
      const [good1, good2, ...rest] = eastboundTrack({ count: 14 });
      const hostile: [unknown, string][] = [
        [{ ...rest[0], lat: 90.000001 }, 'lat out of range'],
        [{ ...rest[1], lon: -180.5 }, 'lon out of range'],
        [{ ...rest[2], ts: Date.now() + 86_400_000 * 365 * 100 }, 'ts is more than 60 s in the future'],
        [{ ...rest[3], ts: '1970-01-01T00:00:00Z' }, 'ts is older than the resend window (7 days)'],
        [{ ...rest[4], speedKmh: -1e308 }, 'speedKmh must be a number ≥ 0'],
        [{ ...rest[5], mode: 'constructor' }, 'mode must be AUTONOMOUS, MANUAL or REMOTE'],
        [{ ...rest[6], mode: 'toString' }, 'mode must be AUTONOMOUS, MANUAL or REMOTE'],
        [{ ...rest[7], headingDeg: 360 }, 'headingDeg must be in [0, 360)'],
        [{ ...rest[8], "'; DROP TABLE telemetry_points; --": 1 }, "unknown field '; DROP TABLE telemetry_points; --"],
        [
          { ...rest[9], ts: '2026-02-30T00:00:00+08:00' },
          'ts must be RFC 3339 with an offset or integer epoch milliseconds',
        ],
        [{ ...rest[10], seq: 2 ** 53 }, 'seq must be an integer ≥ 1'],
        [{ ...rest[11], odometerKm: -0.001 }, 'odometerKm must be a number ≥ 0'],
      ];
      const res = await http()
        .post('/v1/telemetry')
        .set(vehicle.auth)
        .send({ points: [good1, ...hostile.map(([p]) => p), good2] })
        .expect(202);
      expect(res.body.accepted).toBe(2);
      expect(res.body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual(
        hostile.map(([, reason], i) => [i + 1, reason]),
      );
      // Seq 13 never arrived (its point carried 2^53 instead), so the watermark stops at 12.
      await waitForWatermark(vehicle, 12);
      const points = await stored(vehicle.id);
      expect([...points.keys()].sort((a, b) => a - b)).toEqual([good1.seq, good2.seq]);
      expect(points.get(good1.seq)).toMatchObject({ lat: good1.lat, lon: good1.lon, mode: 'AUTONOMOUS' });
    });

    it('stores a seq once, with the content that arrived first, whether repeated in a request or resent', async () => {
      const other = await createVehicle(ctx.api, await registerEnterprise(ctx.api));
      const [first, second] = eastboundTrack({ count: 2 });
      const res = await http()
        .post('/v1/telemetry')
        .set(other.auth)
        .send({ points: [first, { ...first, lat: 23.5, mode: 'MANUAL' }, second] })
        .expect(202);
      expect(res.body).toMatchObject({
        accepted: 2,
        rejected: [{ index: 1, seq: first.seq, reason: 'duplicate seq in this request' }],
      });
      await waitForWatermark(other, 2);
      const resent = await http()
        .post('/v1/telemetry')
        .set(other.auth)
        .send({ points: [{ ...second, lat: -33.9, lon: 18.4, speedKmh: 99, mode: 'REMOTE' }] })
        .expect(202);
      expect(resent.body.persistedThroughSeq).toBe(2);
      await settle(ctx);
      const points = await stored(other.id);
      expect(points.size).toBe(2);
      expect(points.get(first.seq)).toMatchObject({ lat: first.lat, mode: 'AUTONOMOUS' });
      expect(points.get(second.seq)).toMatchObject({
        lat: second.lat,
        lon: second.lon,
        speedKmh: 37,
        mode: 'AUTONOMOUS',
      });
    });

    it(`answers ${FUZZ_RUNS} generated requests with 202 or a 4xx problem, and stores exactly the valid points`, async () => {
      const enterprise = await registerEnterprise(ctx.api);
      const fleet: { vehicle: TestVehicle; model: VehicleModel }[] = [];
      for (let i = 0; i < FUZZ_VEHICLES; i += 1) {
        const v = await createVehicle(ctx.api, enterprise);
        fleet.push({ vehicle: v, model: new VehicleModel(v.id) });
      }
      let run = 0;
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(telemetryRequest, async (shape) => {
          const { vehicle: v, model } = fleet[run++ % fleet.length];
          const { body, expect: expected } = materialise(shape, model, Date.now());
          const reply = await client.send(
            'POST',
            '/v1/telemetry',
            { Authorization: `Bearer ${v.token}`, 'Content-Type': 'application/json' },
            Buffer.from(JSON.stringify(body)),
          );
          // The body rides along so that a failure shows what the platform said.
          expect({ status: reply.status, body: reply.text.slice(0, 500) }).toMatchObject({ status: expected.status });
          const answer = JSON.parse(reply.text) as {
            accepted?: number;
            rejected?: { index: number }[];
            persistedThroughSeq?: number;
            status?: number;
            type?: string;
          };
          if (reply.status === 202) {
            expect(answer.accepted).toBe(expected.accepted);
            expect(answer.rejected!.map((r) => r.index)).toEqual(expected.rejectedIndexes);
            for (const [seq, point] of expected.stores) model.stored.set(seq, point);
            model.durableThrough = Math.max(model.durableThrough, answer.persistedThroughSeq!);
          } else {
            expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(answer).toMatchObject({ status: 400, type: expect.stringMatching(/^\/problems\//) });
          }
        }),
        { numRuns: FUZZ_RUNS, endOnFailure: true },
      );
      const requestsDone = Date.now();
      for (const { vehicle: v, model } of fleet) {
        await waitForWatermark(v, model.nextSeq - 1);
        const actual = await stored(v.id);
        expect(actual.size).toBe(model.stored.size);
        expect(actual).toEqual(model.stored);
      }
      process.stdout.write(
        `telemetry fuzz: ${FUZZ_RUNS} requests in ${((requestsDone - started) / 1000).toFixed(1)} s, ` +
          `${fleet.reduce((n, f) => n + f.model.stored.size, 0)} points stored, ` +
          `drained ${((Date.now() - requestsDone) / 1000).toFixed(1)} s later\n`,
      );
    }, 240_000);
  });
});
