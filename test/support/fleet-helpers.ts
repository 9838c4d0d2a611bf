import { type INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { vinCheckDigit } from '@app/fleet';
import { type Session, type TestEnterprise } from './identity-helpers';

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

export function uniqueVin(): string {
  const body = Array.from(randomBytes(17), (b) => VIN_CHARS[b % VIN_CHARS.length]);
  body[8] = '0';
  const draft = body.join('');
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

export const CONFIGURATION = {
  make: 'Demo',
  model: 'Robotaxi 3',
  adsSoftwareVersion: '4.2.1',
  sensorSuite: ['lidar-128 x1', 'camera-8mp x11', 'radar x5'],
};

export interface TestVehicle {
  id: string;
  token: string;
  auth: { Authorization: string };
}

/** Declares a vehicle for the enterprise and issues its telemetry token. */
export async function createVehicle(
  app: INestApplication,
  enterprise: TestEnterprise,
  overrides: Record<string, unknown> = {},
): Promise<TestVehicle> {
  const created = await request(app.getHttpServer())
    .post('/v1/vehicles')
    .set(enterprise.admin.auth)
    .send({
      vin: uniqueVin(),
      plate: '粤B12345D',
      category: 'PASSENGER_CAR',
      automationLevel: 'L4',
      seats: 5,
      configuration: CONFIGURATION,
      ...overrides,
    })
    .expect(201);
  const credential = await request(app.getHttpServer())
    .post(`/v1/vehicles/${created.body.id}/credentials`)
    .set(enterprise.admin.auth)
    .expect(201);
  const token = credential.body.token as string;
  return { id: created.body.id as string, token, auth: { Authorization: `Bearer ${token}` } };
}

interface FixtureFeature {
  properties: {
    id: string;
    name: string;
    jurisdiction: string;
    kind: string;
    bufferMeters?: number;
    conditions?: string[];
  };
  geometry: { type: string; coordinates: unknown[] };
}

export function fixtureZones(jurisdictionCode?: string): FixtureFeature[] {
  const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'seeds', 'fixtures', 'zones.geojson'), 'utf8')) as {
    features: FixtureFeature[];
  };
  return file.features.filter((f) => !jurisdictionCode || f.properties.jurisdiction === jurisdictionCode);
}

/** Creates the fixture zones of a jurisdiction through the API; returns their ids by code. */
export async function createFixtureZones(
  app: INestApplication,
  regulator: Session,
  jurisdictionCode: string,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const zone of fixtureZones(jurisdictionCode)) {
    const res = await request(app.getHttpServer())
      .post('/v1/zones')
      .set(regulator.auth)
      .send({
        code: zone.properties.id,
        name: zone.properties.name,
        kind: zone.properties.kind,
        geometry: zone.geometry,
        bufferMeters: zone.properties.bufferMeters,
        conditions: zone.properties.conditions,
      })
      .expect(201);
    ids[zone.properties.id] = res.body.id as string;
  }
  return ids;
}
