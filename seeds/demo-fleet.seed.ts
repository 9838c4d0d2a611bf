import { type INestApplicationContext } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, Not } from 'typeorm';
import { type RequestContext, type TenantScope } from '@app/core';
import {
  AutomationLevel,
  Vehicle,
  VehicleCategory,
  vinCheckDigit,
  VehicleCredentialsService,
  VehiclesService,
  Zone,
  ZoneKind,
  ZonesService,
} from '@app/fleet';
import { Enterprise } from '@app/identity';
import { RoadsideDevice, RoadsideDeviceKind, RoadsideDevicesService } from '@app/roadside';
import { DEMO_ENTERPRISE_NAMES } from './demo-identity.seed';
import { enterpriseAdminOf, regulatorOf } from './seed-actors';

interface FixtureFeature {
  properties: {
    id: string;
    name: string;
    jurisdiction: string;
    kind: ZoneKind;
    bufferMeters?: number;
    conditions?: string[];
  };
  geometry: { type: 'Polygon' | 'MultiPolygon' | 'LineString'; coordinates: unknown[] };
}

export const DEMO_VEHICLES_FILE = join(process.cwd(), '.run', 'demo-vehicles.json');

export interface DemoVehicle {
  id: string;
  vin: string;
  enterpriseId: string;
  enterprise: string;
  jurisdictionCode: string;
  token: string;
}

/** A valid VIN: 8 characters of maker and model, the check digit, 8 of serial. */
export function demoVin(prefix8: string, serial: number): string {
  const draft = `${prefix8}0${String(serial).padStart(8, '0')}`;
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9);
}

export function readSavedVehicles(): DemoVehicle[] {
  try {
    return JSON.parse(readFileSync(DEMO_VEHICLES_FILE, 'utf8')) as DemoVehicle[];
  } catch {
    return [];
  }
}

/** The fixture zones of both jurisdictions, created by each jurisdiction's regulator. Idempotent. */
export async function seedZones(app: INestApplicationContext): Promise<number> {
  const features = (
    JSON.parse(readFileSync(join(__dirname, 'fixtures', 'zones.geojson'), 'utf8')) as { features: FixtureFeature[] }
  ).features;
  const dataSource = app.get(DataSource);
  let created = 0;
  for (const feature of features) {
    const { id: code, name, jurisdiction, kind, bufferMeters, conditions } = feature.properties;
    if (await dataSource.getRepository(Zone).existsBy({ jurisdictionCode: jurisdiction, code })) continue;
    const ctx = await regulatorOf(dataSource, jurisdiction);
    await app.get(ZonesService).create(ctx, { code, name, kind, geometry: feature.geometry, bufferMeters, conditions });
    created += 1;
  }
  return created;
}

/** Four vehicles per demo enterprise, each with a telemetry token (see demoToken). */
export async function seedDemoVehicles(app: INestApplicationContext): Promise<DemoVehicle[]> {
  const dataSource = app.get(DataSource);
  const saved = readSavedVehicles();
  const result: DemoVehicle[] = [];
  const enterprises = await dataSource.getRepository(Enterprise).find({ order: { createdAt: 'ASC' } });
  for (const [e, enterprise] of enterprises.filter((x) => DEMO_ENTERPRISE_NAMES.includes(x.name)).entries()) {
    const ctx = await enterpriseAdminOf(dataSource, enterprise.id);
    const scope = { kind: 'enterprise' as const, enterpriseId: enterprise.id };
    for (let n = 1; n <= 4; n += 1) {
      const small = n === 4;
      const vehicleVin = demoVin(
        enterprise.jurisdictionCode === 'CN-SZ-PINGSHAN' ? 'LDEMPSHZ' : 'LDEMBJYZ',
        e * 10 + n,
      );
      let vehicle = await dataSource.getRepository(Vehicle).findOneBy({ vin: vehicleVin });
      if (!vehicle) {
        vehicle = await app.get(VehiclesService).create(ctx, scope, {
          vin: vehicleVin,
          plate: small
            ? undefined
            : `${enterprise.jurisdictionCode === 'CN-SZ-PINGSHAN' ? '粤B' : '京A'}${String(1000 + n)}试`,
          vehicleCode: small ? `MT${String(e * 10 + n).padStart(4, '0')}` : undefined,
          category: small ? VehicleCategory.SmallUnmanned : VehicleCategory.PassengerCar,
          automationLevel: AutomationLevel.L4,
          seats: small ? 0 : 5,
          configuration: small
            ? {
                make: 'Demo',
                model: 'Courier S',
                adsSoftwareVersion: '2.0.3',
                sensorSuite: ['lidar-32 x1', 'camera-2mp x6'],
              }
            : {
                make: 'Demo',
                model: 'Robotaxi 3',
                adsSoftwareVersion: '4.2.1',
                sensorSuite: ['lidar-128 x1', 'camera-8mp x11', 'radar x5'],
              },
        });
        await app.get(VehiclesService).addClosedFieldTest(ctx, scope, vehicle.id, {
          km: 1200 + 100 * n,
          site: 'Bay-area closed test field',
          testedOn: '2026-06-01',
          reportRef: `CFT-2026-${vehicleVin.slice(-6)}`,
        });
      }
      result.push({
        id: vehicle.id,
        vin: vehicle.vin,
        enterpriseId: enterprise.id,
        enterprise: enterprise.name,
        jurisdictionCode: enterprise.jurisdictionCode,
        token: await demoToken(app, ctx, scope, vehicle.id, saved),
      });
    }
  }
  return result;
}

/**
 * The vehicle's saved token, or a new one. Tokens are shown once, so the seed keeps them in
 * .run/demo-vehicles.json (git-ignored) for the simulator and for curl.
 */
export async function demoToken(
  app: INestApplicationContext,
  ctx: RequestContext,
  scope: TenantScope,
  vehicleId: string,
  saved: DemoVehicle[],
): Promise<string> {
  const known = saved.find((s) => s.id === vehicleId);
  return known?.token ?? (await app.get(VehicleCredentialsService).issue(ctx, scope, vehicleId)).token;
}

export function writeDemoVehicles(vehicles: DemoVehicle[]): void {
  mkdirSync(join(process.cwd(), '.run'), { recursive: true });
  writeFileSync(DEMO_VEHICLES_FILE, JSON.stringify(vehicles, null, 2), { mode: 0o600 });
}

export const DEMO_DEVICES_FILE = join(process.cwd(), '.run', 'demo-devices.json');

/** Roadside units, cameras and radars on every public-road fixture zone (demo counts). */
const DEVICES_PER_ZONE: [RoadsideDeviceKind, number][] = [
  [RoadsideDeviceKind.Rsu, 2],
  [RoadsideDeviceKind.Camera, 2],
  [RoadsideDeviceKind.Radar, 1],
];

/**
 * Registers the demo roadside devices, each by its zone's regulator; their tokens go to
 * .run/demo-devices.json for heartbeats by curl. Idempotent: a serial already registered is kept.
 */
export async function seedRoadsideDevices(app: INestApplicationContext): Promise<number> {
  const dataSource = app.get(DataSource);
  const zones = await dataSource
    .getRepository(Zone)
    .find({ where: { kind: Not(ZoneKind.ClosedField) }, order: { code: 'ASC' } });
  const tokens: { serial: string; jurisdictionCode: string; token: string }[] = [];
  for (const zone of zones) {
    const ctx = await regulatorOf(dataSource, zone.jurisdictionCode);
    for (const [kind, count] of DEVICES_PER_ZONE) {
      for (let n = 1; n <= count; n += 1) {
        const serial = `${zone.code}-${kind}-${String(n).padStart(2, '0')}`;
        if (
          await dataSource.getRepository(RoadsideDevice).existsBy({ jurisdictionCode: zone.jurisdictionCode, serial })
        )
          continue;
        const { token } = await app
          .get(RoadsideDevicesService)
          .register(
            ctx,
            { kind: 'jurisdiction', jurisdictionCode: zone.jurisdictionCode },
            { kind, serial, zoneId: zone.id, description: `${zone.name} ${kind} ${n} (demo)` },
          );
        tokens.push({ serial, jurisdictionCode: zone.jurisdictionCode, token });
      }
    }
  }
  if (tokens.length > 0) {
    mkdirSync(join(process.cwd(), '.run'), { recursive: true });
    writeFileSync(DEMO_DEVICES_FILE, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  }
  return tokens.length;
}
