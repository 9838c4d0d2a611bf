import request from 'supertest';
import { vinCheckDigit, ZonesService } from '@app/fleet';
import { ZoneIndex } from '@app/telemetry';
import { CONFIGURATION, createFixtureZones, createVehicle, fixtureZones, uniqueVin } from './support/fleet-helpers';
import {
  createStaff,
  loginAdmin,
  registerEnterprise,
  type Session,
  type TestEnterprise,
} from './support/identity-helpers';
import { startTestContext, type TestContext } from './support/test-context';

type Position = [number, number];

/** Polygon coordinates of a lon/lat square: one closed ring, south-west corner first, counter-clockwise. */
function square(lon: number, lat: number, size: number): Position[][] {
  return [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ];
}

describe('fleet: vehicles, configurations and zones', () => {
  let ctx: TestContext;
  let regulator: Session;
  let enterprise: TestEnterprise;

  beforeAll(async () => {
    ctx = await startTestContext();
    regulator = await createStaff(ctx.api, 'REGULATOR', 'CN-SZ-PINGSHAN');
    enterprise = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
  });
  afterAll(() => ctx.close());
  const http = () => request(ctx.api.getHttpServer());
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    ctx.dataSource.query<T[]>(text, params);

  const vehicleBody = (overrides: Record<string, unknown> = {}) => ({
    vin: uniqueVin(),
    plate: '粤B12345D',
    category: 'PASSENGER_CAR',
    automationLevel: 'L4',
    seats: 5,
    configuration: CONFIGURATION,
    ...overrides,
  });
  const declare = (body: Record<string, unknown>, session: Session = enterprise.admin) =>
    http().post('/v1/vehicles').set(session.auth).send(body);

  describe('vehicle declaration', () => {
    it('rejects a VIN with a wrong check digit, naming the field and the right digit', async () => {
      const valid = uniqueVin();
      const expected = vinCheckDigit(valid);
      expect(valid[8]).toBe(expected);
      const wrong = `${valid.slice(0, 8)}${expected === '0' ? '1' : '0'}${valid.slice(9)}`;
      const res = await declare(vehicleBody({ vin: wrong })).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/validation-failed');
      expect(res.body.errors).toEqual([
        { field: 'vin', reason: expect.stringMatching(new RegExp(`must be ${expected}\\b`)) },
      ]);
    });

    it('accepts a published valid VIN (check digit X) and refuses a second vehicle with the same VIN, whatever its case', async () => {
      // The VIN commonly published as the check-digit example; its check digit is X, known independently of our code.
      const vin = '1M8GDM9AXKP042788';
      const created = await declare(vehicleBody({ vin })).expect(201);
      expect(created.body.vin).toBe(vin);
      const again = await declare(vehicleBody({ vin })).expect(409);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.body).toMatchObject({ status: 409, type: '/problems/vehicle-exists' });
      await declare(vehicleBody({ vin: ` ${vin.toLowerCase()} ` })).expect(409);
      const other = await registerEnterprise(ctx.api, 'CN-SZ-PINGSHAN', regulator);
      await declare(vehicleBody({ vin }), other.admin).expect(409);
    });

    it('requires a vehicleCode or a plate for a small unmanned vehicle, in the MT0001 form', async () => {
      const small = (overrides: Record<string, unknown>) =>
        vehicleBody({
          category: 'SMALL_UNMANNED_VEHICLE',
          seats: 0,
          plate: undefined,
          ...overrides,
        });
      const missing = await declare(small({})).expect(400);
      expect(missing.body.type).toBe('/problems/validation-failed');
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['vehicleCode']);
      const malformed = await declare(small({ vehicleCode: 'M0001' })).expect(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['vehicleCode']);
      const coded = await declare(small({ vehicleCode: 'mt0001' })).expect(201);
      expect(coded.body).toMatchObject({ vehicleCode: 'MT0001', plate: null, seats: 0 });
      await declare(small({ plate: '粤B9876D' })).expect(201);
    });

    it('declares a valid vehicle with configuration version 1 and a SHA-256 fingerprint', async () => {
      const body = vehicleBody();
      const res = await declare(body).expect(201);
      expect(res.body).toMatchObject({
        vin: body.vin,
        enterpriseId: enterprise.id,
        jurisdictionCode: 'CN-SZ-PINGSHAN',
        category: 'PASSENGER_CAR',
        automationLevel: 'L4',
        seats: 5,
        configurationVersion: 1,
      });
      expect(res.body.configurationFingerprint).toMatch(/^[0-9a-f]{64}$/);
      const fetched = await http().get(`/v1/vehicles/${res.body.id}`).set(enterprise.admin.auth).expect(200);
      expect(fetched.body).toEqual(res.body);
      const history = await http()
        .get(`/v1/vehicles/${res.body.id}/configurations`)
        .set(enterprise.admin.auth)
        .expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          version: 1,
          ...CONFIGURATION,
          fingerprint: res.body.configurationFingerprint,
        }),
      ]);
    });

    it('does not let a regulator declare vehicles', async () => {
      const body = vehicleBody();
      const res = await declare(body, regulator).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/forbidden');
      const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM vehicles WHERE vin = $1`, [
        body.vin,
      ]);
      expect(count).toBe(0);
    });
  });

  describe('configuration versioning', () => {
    it('keeps history: a change is version 2 with a new fingerprint, version 1 stays as it was', async () => {
      const vehicle = await createVehicle(ctx.api, enterprise);
      const get = async () =>
        (await http().get(`/v1/vehicles/${vehicle.id}`).set(enterprise.admin.auth).expect(200)).body;
      const history = async () =>
        (await http().get(`/v1/vehicles/${vehicle.id}/configurations`).set(enterprise.admin.auth).expect(200)).body;
      const before = await get();
      const [v1] = await history();
      expect(v1.version).toBe(1);

      const changed = { ...CONFIGURATION, adsSoftwareVersion: '4.3.0' };
      const declared = await http()
        .post(`/v1/vehicles/${vehicle.id}/configurations`)
        .set(enterprise.admin.auth)
        .send(changed)
        .expect(201);
      expect(declared.body).toMatchObject({ version: 2, adsSoftwareVersion: '4.3.0' });

      const after = await get();
      expect(after.configurationVersion).toBe(2);
      expect(after.configurationFingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(after.configurationFingerprint).not.toBe(before.configurationFingerprint);
      expect(after.configurationFingerprint).toBe(declared.body.fingerprint);

      const versions = await history();
      expect(versions.map((c: { version: number }) => c.version)).toEqual([2, 1]);
      expect(versions[1]).toEqual(v1);
      expect(versions[0]).toMatchObject({ ...changed, fingerprint: after.configurationFingerprint });

      const same = await http()
        .post(`/v1/vehicles/${vehicle.id}/configurations`)
        .set(enterprise.admin.auth)
        .send(changed)
        .expect(409);
      expect(same.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(same.body.type).toBe('/problems/configuration-unchanged');
      // The same configuration written differently is still the same configuration.
      await http()
        .post(`/v1/vehicles/${vehicle.id}/configurations`)
        .set(enterprise.admin.auth)
        .send({ ...changed, sensorSuite: [...changed.sensorSuite].reverse() })
        .expect(409);
      expect((await get()).configurationVersion).toBe(2);
      expect(await history()).toHaveLength(2);
    });

    it('gives identical configurations equal fingerprints regardless of sensor order and letter case', async () => {
      const fingerprintOf = async (configuration: Record<string, unknown>) =>
        (await declare(vehicleBody({ configuration })).expect(201)).body.configurationFingerprint as string;
      const original = await fingerprintOf(CONFIGURATION);
      const reordered = await fingerprintOf({
        ...CONFIGURATION,
        make: CONFIGURATION.make.toUpperCase(),
        model: CONFIGURATION.model.toLowerCase(),
        sensorSuite: [...CONFIGURATION.sensorSuite].reverse().map((s) => s.toUpperCase()),
      });
      expect(reordered).toBe(original);
      const fewerSensors = await fingerprintOf({
        ...CONFIGURATION,
        sensorSuite: CONFIGURATION.sensorSuite.slice(0, 2),
      });
      expect(fewerSensors).not.toBe(original);
      const otherSensor = await fingerprintOf({
        ...CONFIGURATION,
        sensorSuite: [...CONFIGURATION.sensorSuite.slice(0, 2), 'radar x6'],
      });
      expect(otherSensor).not.toBe(original);
      expect(otherSensor).not.toBe(fewerSensors);
    });
  });

  describe('closed-field tests', () => {
    it('records closed-field test evidence and lists it', async () => {
      const vehicle = await createVehicle(ctx.api, enterprise);
      const evidence = {
        km: 1234.5,
        site: 'Bay-area closed test field',
        testedOn: '2025-03-14',
        reportRef: 'CFT-2025-0042',
      };
      const created = await http()
        .post(`/v1/vehicles/${vehicle.id}/closed-field-tests`)
        .set(enterprise.admin.auth)
        .send(evidence)
        .expect(201);
      expect(created.body).toMatchObject(evidence);
      const listed = await http()
        .get(`/v1/vehicles/${vehicle.id}/closed-field-tests`)
        .set(enterprise.admin.auth)
        .expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, ...evidence })]);
    });

    it('rejects a negative distance, naming km, and records nothing', async () => {
      const vehicle = await createVehicle(ctx.api, enterprise);
      const res = await http()
        .post(`/v1/vehicles/${vehicle.id}/closed-field-tests`)
        .set(enterprise.admin.auth)
        .send({ km: -5, site: 'Field', testedOn: '2025-03-14', reportRef: 'R-1' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['km']);
      const listed = await http()
        .get(`/v1/vehicles/${vehicle.id}/closed-field-tests`)
        .set(enterprise.admin.auth)
        .expect(200);
      expect(listed.body).toEqual([]);
    });
  });

  describe('zones', () => {
    const zoneBody = (overrides: Record<string, unknown> = {}) => ({
      code: 'T-AREA-1',
      name: 'Test area',
      kind: 'AREA',
      geometry: { type: 'Polygon', coordinates: square(114.35, 22.7, 0.01) },
      ...overrides,
    });
    const createZone = (body: Record<string, unknown>, session: Session = regulator) =>
      http().post('/v1/zones').set(session.auth).send(body);

    it('lets a regulator create a zone in their own jurisdiction, once per code, and lists it', async () => {
      const created = await createZone(zoneBody()).expect(201);
      expect(created.body).toMatchObject({
        jurisdictionCode: 'CN-SZ-PINGSHAN',
        code: 'T-AREA-1',
        kind: 'AREA',
        version: 1,
        geometry: { type: 'Polygon' },
      });
      const duplicate = await createZone(zoneBody({ name: 'Again', code: 't-area-1' })).expect(409);
      expect(duplicate.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(duplicate.body.type).toBe('/problems/zone-exists');

      const listed = await http()
        .get('/v1/zones')
        .query({ jurisdictionCode: 'CN-SZ-PINGSHAN' })
        .set(enterprise.admin.auth)
        .expect(200);
      expect(listed.body.map((z: { id: string }) => z.id)).toContain(created.body.id);
      expect(listed.body.filter((z: { code: string }) => z.code === 'T-AREA-1')).toHaveLength(1);
      const beijing = await http()
        .get('/v1/zones')
        .query({ jurisdictionCode: 'CN-BJ-YIZHUANG' })
        .set(enterprise.admin.auth)
        .expect(200);
      expect(beijing.body.map((z: { id: string }) => z.id)).not.toContain(created.body.id);
    });

    it('refuses zones in another jurisdiction and zones created by enterprises', async () => {
      const foreign = await createZone(zoneBody({ code: 'T-FOREIGN', jurisdictionCode: 'CN-BJ-YIZHUANG' })).expect(403);
      expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(foreign.body.type).toBe('/problems/forbidden');
      const byEnterprise = await createZone(zoneBody({ code: 'T-ENTERPRISE' }), enterprise.admin);
      expect(byEnterprise.status).toBe(403);
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM zones WHERE code IN ('T-FOREIGN', 'T-ENTERPRISE')`,
      );
      expect(count).toBe(0);
    });

    it('requires a buffer and a LineString for a route', async () => {
      const line = {
        type: 'LineString',
        coordinates: [
          [114.35, 22.7],
          [114.36, 22.705],
        ],
      };
      const noBuffer = await createZone(zoneBody({ code: 'T-ROUTE', kind: 'ROUTE', geometry: line })).expect(400);
      expect(noBuffer.body.type).toBe('/problems/validation-failed');
      expect(noBuffer.body.errors.map((e: { field: string }) => e.field)).toEqual(['bufferMeters']);
      const polygon = await createZone(zoneBody({ code: 'T-ROUTE', kind: 'ROUTE', bufferMeters: 30 })).expect(400);
      expect(polygon.body.errors.map((e: { field: string }) => e.field)).toEqual(['geometry.type']);
      const route = await createZone(
        zoneBody({ code: 'T-ROUTE', kind: 'ROUTE', geometry: line, bufferMeters: 30 }),
      ).expect(201);
      expect(route.body).toMatchObject({ kind: 'ROUTE', bufferMeters: 30 });
    });

    it('converts GCJ-02 input to WGS-84 and stores a valid multipolygon area', async () => {
      const ring = square(114.35, 22.72, 0.01);
      const geometry = { type: 'Polygon', coordinates: ring };
      const wgs = await createZone(zoneBody({ code: 'T-WGS84', geometry, crs: 'WGS84' })).expect(201);
      const gcj = await createZone(zoneBody({ code: 'T-GCJ02', geometry, crs: 'GCJ02' })).expect(201);
      const stored = async (id: string) =>
        (await http().get(`/v1/zones/${id}`).set(regulator.auth).expect(200)).body.geometry
          .coordinates[0] as Position[];

      const [[wgsLon, wgsLat]] = await stored(wgs.body.id);
      expect(wgsLon).toBeCloseTo(ring[0][0][0], 9);
      expect(wgsLat).toBeCloseTo(ring[0][0][1], 9);

      const [[lon, lat]] = await stored(gcj.body.id);
      const [inputLon, inputLat] = ring[0][0];
      // GCJ-02 is WGS-84 shifted east and south around Shenzhen; undoing it moves west and north.
      expect(inputLon - lon).toBeGreaterThan(0.001);
      expect(inputLon - lon).toBeLessThan(0.01);
      expect(lat - inputLat).toBeGreaterThan(0.001);
      expect(lat - inputLat).toBeLessThan(0.01);

      const [shift] = await sql<{ metres: number }>(
        `SELECT ST_Distance(ST_Centroid(a.area)::geography, ST_Centroid(b.area)::geography) AS metres
         FROM zones a, zones b WHERE a.id = $1 AND b.id = $2`,
        [wgs.body.id, gcj.body.id],
      );
      expect(shift.metres).toBeGreaterThan(300);
      expect(shift.metres).toBeLessThan(1000);

      for (const id of [wgs.body.id, gcj.body.id]) {
        const rows = await sql(
          `SELECT ST_SRID(geometry) AS geometry_srid, ST_SRID(area) AS area_srid, ST_IsValid(area) AS valid,
                  GeometryType(area) AS area_type FROM zones WHERE id = $1`,
          [id],
        );
        expect(rows).toEqual([{ geometry_srid: 4326, area_srid: 4326, valid: true, area_type: 'MULTIPOLYGON' }]);
      }
    });

    it('counts a point 20 m off the PS-BUS-13KM route as inside its 30 m buffer, and 60 m off as outside', async () => {
      const ids = await createFixtureZones(ctx.api, regulator, 'CN-SZ-PINGSHAN');
      const routeId = ids['PS-BUS-13KM'];
      const fixture = fixtureZones('CN-SZ-PINGSHAN').find((f) => f.properties.id === 'PS-BUS-13KM')!;
      expect(fixture.properties.bufferMeters).toBe(30);
      const [a, b] = fixture.geometry.coordinates as Position[];
      expect([a, b]).toEqual([
        [114.305, 22.695],
        [114.332, 22.7],
      ]);

      // Local metric frame at the midpoint of the first segment.
      const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const metresPerDegLat = 110_750; // at 22.7° N
      const metresPerDegLon = 111_320 * Math.cos((mid[1] * Math.PI) / 180);
      const dx = (b[0] - a[0]) * metresPerDegLon;
      const dy = (b[1] - a[1]) * metresPerDegLat;
      const length = Math.hypot(dx, dy);
      const normal = [-dy / length, dx / length]; // unit, to the left of A→B (north-west)
      const offset = (metres: number): Position => [
        mid[0] + (normal[0] * metres) / metresPerDegLon,
        mid[1] + (normal[1] * metres) / metresPerDegLat,
      ];

      const index = new ZoneIndex(
        (await ctx.api.get(ZonesService).areas()).map((z) => ({ ...z, area: z.area as never })),
      );
      for (const [metres, inside] of [
        [20, true],
        [-20, true],
        [60, false],
        [-60, false],
      ] as const) {
        const [lon, lat] = offset(metres);
        const [row] = await sql<{ distance: number; inside: boolean }>(
          `SELECT ST_Distance(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography,
                              ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography) AS distance,
                  ST_Contains(area, ST_SetSRID(ST_MakePoint($3, $4), 4326)) AS inside
           FROM zones WHERE id = $1`,
          [routeId, JSON.stringify(fixture.geometry), lon, lat],
        );
        // The point really is that far from the route, so the test checks the buffer's width.
        expect(Math.abs(row.distance - Math.abs(metres))).toBeLessThan(2);
        expect({ metres, inside: row.inside }).toEqual({ metres, inside });
        // The worker's in-process index agrees with PostGIS.
        expect({
          metres,
          inside: index.zonesAt('CN-SZ-PINGSHAN', lat, lon).includes(routeId),
        }).toEqual({ metres, inside });
      }
    });

    it('versions and audits a change of name and geometry', async () => {
      const created = await createZone(zoneBody({ code: 'T-MOVING' })).expect(201);
      const id = created.body.id as string;
      const moved = square(114.38, 22.7, 0.01);
      const beijing = await createStaff(ctx.api, 'REGULATOR', 'CN-BJ-YIZHUANG');
      await http().patch(`/v1/zones/${id}`).set(beijing.auth).send({ name: 'Hijacked' }).expect(404);

      const updated = await http()
        .patch(`/v1/zones/${id}`)
        .set(regulator.auth)
        .send({ name: 'Moved area', geometry: { type: 'Polygon', coordinates: moved } })
        .expect(200);
      expect(updated.body).toMatchObject({ id, name: 'Moved area', version: 2 });
      expect(updated.body.geometry.coordinates[0][0][0]).toBeCloseTo(114.38, 9);
      const fetched = await http().get(`/v1/zones/${id}`).set(regulator.auth).expect(200);
      expect(fetched.body).toMatchObject({ name: 'Moved area', version: 2 });

      const contains = async (lon: number, lat: number) =>
        (
          await sql<{ inside: boolean }>(
            `SELECT ST_Contains(area, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS inside FROM zones WHERE id = $1`,
            [id, lon, lat],
          )
        )[0].inside;
      expect(await contains(114.385, 22.705)).toBe(true);
      expect(await contains(114.355, 22.705)).toBe(false);

      const admin = await loginAdmin(ctx.api);
      const audit = await http().get('/v1/audit').query({ entityId: id }).set(admin.auth).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['zone.updated', 'zone.created']);
      expect(audit.body.items[0]).toMatchObject({
        entityType: 'zone',
        actorRole: 'REGULATOR',
        summary: {
          before: { name: 'Test area', version: 1 },
          after: { name: 'Moved area', geometryChanged: true },
        },
      });
    });
  });

  describe('input the database would otherwise refuse', () => {
    const square = [
      [
        [114.34, 22.69],
        [114.37, 22.69],
        [114.37, 22.71],
        [114.34, 22.71],
        [114.34, 22.69],
      ],
    ];
    const zone = (overrides: Record<string, unknown>) => ({
      code: `Z-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      name: 'Test zone',
      kind: 'AREA',
      geometry: { type: 'Polygon', coordinates: square },
      ...overrides,
    });

    it('answers 409, never 500, when the same VIN or zone code is sent several times at once', async () => {
      const body = vehicleBody();
      const vehicles = await Promise.all(Array.from({ length: 4 }, () => declare(body)));
      expect(vehicles.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(vehicles.filter((r) => r.status === 409).every((r) => r.body.type === '/problems/vehicle-exists')).toBe(
        true,
      );

      const code = `RACE-${Date.now()}`;
      const zones = await Promise.all(
        Array.from({ length: 3 }, () => http().post('/v1/zones').set(regulator.auth).send(zone({ code }))),
      );
      expect(zones.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(zones.filter((r) => r.status === 409).every((r) => r.body.type === '/problems/zone-exists')).toBe(true);
    });

    it('refuses malformed geometry with 400 naming the part, and stores nothing', async () => {
      const cases: [unknown, string][] = [
        [{ type: 'Polygon', coordinates: [[1, 2]] }, 'geometry.coordinates[0] must hold at least 4 positions'],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [500, 22.69],
                [114.37, 22.69],
                [114.37, 22.71],
                [500, 22.69],
              ],
            ],
          },
          'geometry.coordinates[0][0] longitude must be a number in [-180, 180]',
        ],
        [
          { type: 'Polygon', coordinates: [square[0].slice(0, 4)] },
          'geometry.coordinates[0] ring must end where it starts',
        ],
      ];
      for (const [geometry, reason] of cases) {
        const res = await http().post('/v1/zones').set(regulator.auth).send(zone({ geometry })).expect(400);
        expect(res.body.errors).toEqual([{ field: 'geometry', reason }]);
      }
      const route = await http()
        .post('/v1/zones')
        .set(regulator.auth)
        .send(zone({ kind: 'ROUTE', bufferMeters: 30, geometry: { type: 'LineString', coordinates: [[114.3, 22.7]] } }))
        .expect(400);
      expect(route.body.errors).toEqual([
        { field: 'geometry', reason: 'geometry.coordinates must hold at least 2 positions' },
      ]);
      const buffered = await http()
        .post('/v1/zones')
        .set(regulator.auth)
        .send(zone({ bufferMeters: 30 }))
        .expect(400);
      expect(buffered.body.errors).toEqual([{ field: 'bufferMeters', reason: 'applies to ROUTE zones only' }]);
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM zones WHERE name = 'Test zone' AND code LIKE 'Z-%'`,
      );
      expect(count).toBe(0);
    });

    it('takes test dates as real calendar dates that have happened', async () => {
      const vehicle = (await declare(vehicleBody()).expect(201)).body as { id: string };
      const evidence = (testedOn: string) =>
        http()
          .post(`/v1/vehicles/${vehicle.id}/closed-field-tests`)
          .set(enterprise.admin.auth)
          .send({ km: 100, site: 'Field', testedOn, reportRef: 'R-1' });
      for (const [testedOn, reason] of [
        ['2025-01-01T10:00:00Z', 'testedOn must be a date as YYYY-MM-DD'],
        ['2999-01-01', 'testedOn must not be in the future'],
        ['2025-02-30', 'testedOn is not a real calendar date'],
      ]) {
        expect((await evidence(testedOn).expect(400)).body.errors).toEqual([{ field: 'testedOn', reason }]);
      }
      expect((await evidence('2025-01-01').expect(201)).body.testedOn).toBe('2025-01-01');
    });
  });
});
