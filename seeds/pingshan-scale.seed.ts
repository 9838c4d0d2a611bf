import { type INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type RequestContext, type TenantScope } from '@app/core';
import { AutomationLevel, Vehicle, VehicleCategory, VehiclesService, Zone } from '@app/fleet';
import { Enterprise, SafetyOperator } from '@app/identity';
import { ApplicationsService, type CreateApplicationDto, Permit, PermitsService } from '@app/permits';
import { type PermitKind } from '@app/rules';
import { type DemoVehicle, demoToken, demoVin, readSavedVehicles } from './demo-fleet.seed';
import { ensureDemoEnterprise } from './demo-identity.seed';
import { enterpriseAdminOf, regulatorOf } from './seed-actors';
import { PINGSHAN_PLATFORM, splitStages } from './pingshan-scale';

type Business = 'ROBOTAXI' | 'ROBOBUS' | 'LOGISTICS' | 'SANITATION';

/** How each line of business registers its vehicles and files its pilot. */
const BUSINESS: Record<
  Business,
  {
    category: VehicleCategory;
    seats: number;
    model: string;
    scene: string;
    pilot: PermitKind;
    zone: string;
    /** Two VIN characters (no I, O or Q). */
    vinCode: string;
  }
> = {
  ROBOTAXI: {
    vinCode: 'TX',
    category: VehicleCategory.PassengerCar,
    seats: 5,
    model: 'Robotaxi 3',
    scene: 'PASSENGER',
    pilot: 'MANNED_PILOT',
    zone: 'PS-WHOLE-DISTRICT',
  },
  ROBOBUS: {
    vinCode: 'BS',
    category: VehicleCategory.Bus,
    seats: 12,
    model: 'Robobus M',
    scene: 'BUS',
    pilot: 'MANNED_PILOT',
    zone: 'PS-BUS-13KM',
  },
  LOGISTICS: {
    vinCode: 'LG',
    category: VehicleCategory.Freight,
    seats: 2,
    model: 'Freighter L4',
    scene: 'CARGO',
    pilot: 'MANNED_PILOT',
    zone: 'PS-WHOLE-DISTRICT',
  },
  SANITATION: {
    vinCode: 'SN',
    category: VehicleCategory.SpecialOperation,
    seats: 2,
    model: 'Sweeper S',
    scene: 'SANITATION',
    pilot: 'MANNED_PILOT',
    zone: 'PS-WHOLE-DISTRICT',
  },
};

/**
 * The eleven Pingshan enterprises besides the first demo one (names are fictional). With its four
 * vehicles, all on road tests, they make the platform's 12 enterprises and 205 vehicles.
 */
const SCALE_ENTERPRISES: { key: string; name: string; business: Business; vehicles: number }[] = [
  { key: 'ps-zhixing-taxi', name: '坪山智行出行科技有限公司 (demo)', business: 'ROBOTAXI', vehicles: 34 },
  { key: 'ps-lingdong-taxi', name: '坪山领动智驾科技有限公司 (demo)', business: 'ROBOTAXI', vehicles: 28 },
  { key: 'ps-yunba', name: '坪山云巴公交科技有限公司 (demo)', business: 'ROBOBUS', vehicles: 24 },
  { key: 'ps-suyun', name: '坪山速运无人物流有限公司 (demo)', business: 'LOGISTICS', vehicles: 21 },
  { key: 'ps-qingjie', name: '坪山清洁智能环卫有限公司 (demo)', business: 'SANITATION', vehicles: 19 },
  { key: 'ps-xinglu-taxi', name: '坪山星路自动驾驶有限公司 (demo)', business: 'ROBOTAXI', vehicles: 17 },
  { key: 'ps-huanxing-bus', name: '坪山环行微循环巴士有限公司 (demo)', business: 'ROBOBUS', vehicles: 16 },
  { key: 'ps-kuaidi', name: '坪山快递干线物流有限公司 (demo)', business: 'LOGISTICS', vehicles: 14 },
  { key: 'ps-lvjing', name: '坪山绿净城市服务有限公司 (demo)', business: 'SANITATION', vehicles: 12 },
  { key: 'ps-chenguang-taxi', name: '坪山晨光智能网联有限公司 (demo)', business: 'ROBOTAXI', vehicles: 9 },
  { key: 'ps-tongda', name: '坪山通达智慧货运有限公司 (demo)', business: 'LOGISTICS', vehicles: 7 },
];
/** The first demo enterprise's four vehicles are all on road-test notices (see seedDemoPermits). */
const FIRST_DEMO_ON_ROAD = 4;

const PINGSHAN = 'CN-SZ-PINGSHAN';
const SEED_OVERRIDE = 'Demo data at the Pingshan platform scale (SEED-PS-PLATFORM); not a real approval';

interface Actors {
  owner: RequestContext;
  ownerScope: TenantScope;
  regulator: RequestContext;
  regulatorScope: TenantScope;
}

async function actorsOf(dataSource: DataSource, enterprise: Enterprise): Promise<Actors> {
  return {
    owner: await enterpriseAdminOf(dataSource, enterprise.id),
    ownerScope: { kind: 'enterprise', enterpriseId: enterprise.id },
    regulator: await regulatorOf(dataSource, enterprise.jurisdictionCode),
    regulatorScope: { kind: 'jurisdiction', jurisdictionCode: enterprise.jurisdictionCode },
  };
}

/** Files, submits and approves an application the way a regulator would, with the seed's override. */
async function issue(
  app: INestApplicationContext,
  actors: Actors,
  dto: Omit<CreateApplicationDto, 'requestedFrom' | 'requestedTo'>,
): Promise<void> {
  const today = new Date();
  const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 150 * 86_400_000).toISOString().slice(0, 10);
  const applications = app.get(ApplicationsService);
  const permits = app.get(PermitsService);
  const application = await applications.create(actors.owner, actors.ownerScope, {
    ...dto,
    requestedFrom: from,
    requestedTo: to,
  });
  await applications.submit(actors.owner, actors.ownerScope, application.id);
  await permits.startReview(actors.regulator, actors.regulatorScope, application.id);
  await permits.approve(actors.regulator, actors.regulatorScope, application.id, { overrideReason: SEED_OVERRIDE });
}

async function zoneId(dataSource: DataSource, jurisdictionCode: string, code: string): Promise<string> {
  return (await dataSource.getRepository(Zone).findOneByOrFail({ jurisdictionCode, code })).id;
}

/**
 * Road-test notices for the demo enterprises' vehicles (small unmanned vehicles get their own
 * kind), so the demo fleet drives under a permit. Skipped for an enterprise that holds any permit.
 */
export async function seedDemoPermits(app: INestApplicationContext, vehicles: DemoVehicle[]): Promise<number> {
  const dataSource = app.get(DataSource);
  let issued = 0;
  for (const enterpriseId of new Set(vehicles.map((v) => v.enterpriseId))) {
    const fleet = vehicles.filter((v) => v.enterpriseId === enterpriseId);
    const enterprise = await dataSource.getRepository(Enterprise).findOneByOrFail({ id: enterpriseId });
    if (await dataSource.getRepository(Permit).existsBy({ enterpriseId })) continue;
    const actors = await actorsOf(dataSource, enterprise);
    const operatorIds = (await dataSource.getRepository(SafetyOperator).findBy({ enterpriseId })).map((o) => o.id);
    const rows = await dataSource.getRepository(Vehicle).findBy(fleet.map((v) => ({ id: v.id })));
    const small = rows.filter((v) => v.category === VehicleCategory.SmallUnmanned).map((v) => v.id);
    const cars = rows.filter((v) => v.category !== VehicleCategory.SmallUnmanned).map((v) => v.id);
    const pingshan = enterprise.jurisdictionCode === PINGSHAN;
    const area = await zoneId(dataSource, enterprise.jurisdictionCode, pingshan ? 'PS-WHOLE-DISTRICT' : 'BJ-CORE-60');
    const conditions = { night: false, adverseWeather: false, expressway: false, passengers: false, cargo: false };
    if (cars.length > 0) {
      await issue(app, actors, {
        kind: 'ROAD_TEST',
        vehicleIds: cars,
        operatorIds,
        zoneIds: [area],
        conditions: { ...conditions, scenes: [] },
      });
      issued += 1;
    }
    if (small.length > 0) {
      const smallZone = pingshan ? await zoneId(dataSource, PINGSHAN, 'PS-SMALL-VEHICLE-CORE') : area;
      await issue(app, actors, {
        kind: 'SMALL_UNMANNED_VEHICLE',
        vehicleIds: small,
        operatorIds,
        zoneIds: [smallZone],
        conditions: { ...conditions, cargo: true, scenes: ['DELIVERY'] },
      });
      issued += 1;
    }
  }
  return issued;
}

/**
 * The other eleven Pingshan enterprises and their 201 vehicles, split over the platform's stages:
 * no permit (closed-field test), a road-test notice, or a road-test and a pilot notice
 * (demonstration). Idempotent: an enterprise already registered is left as it is.
 */
export async function seedPingshanScale(
  app: INestApplicationContext,
  password: string,
  firstSerial: number,
): Promise<DemoVehicle[]> {
  const dataSource = app.get(DataSource);
  const { vehicles: totals } = PINGSHAN_PLATFORM;
  const plan = splitStages(
    SCALE_ENTERPRISES.map((e) => e.vehicles),
    { ...totals, OPEN_ROAD_TEST: totals.OPEN_ROAD_TEST - FIRST_DEMO_ON_ROAD },
  );
  const regulator = await regulatorOf(dataSource, PINGSHAN);
  const saved = readSavedVehicles();
  const result: DemoVehicle[] = [];
  for (const [index, spec] of SCALE_ENTERPRISES.entries()) {
    const serial = firstSerial + index;
    await ensureDemoEnterprise(
      app,
      { key: spec.key, name: spec.name, division: '440310', jurisdictionCode: PINGSHAN, serial },
      regulator.actor.userId,
      password,
    );
    const enterprise = await dataSource.getRepository(Enterprise).findOneByOrFail({ name: spec.name });
    const actors = await actorsOf(dataSource, enterprise);
    const business = BUSINESS[spec.business];
    const vehicleIds: string[] = [];
    for (let n = 1; n <= spec.vehicles; n += 1) {
      const vin = demoVin(`LDPS${String(serial).padStart(2, '0')}${business.vinCode}`, n);
      let vehicle = await dataSource.getRepository(Vehicle).findOneBy({ vin });
      if (!vehicle) {
        vehicle = await app.get(VehiclesService).create(actors.owner, actors.ownerScope, {
          vin,
          plate: `粤B${String(serial).padStart(2, '0')}${String(n).padStart(3, '0')}试`,
          category: business.category,
          automationLevel: AutomationLevel.L4,
          seats: business.seats,
          configuration: {
            make: 'Demo',
            model: business.model,
            adsSoftwareVersion: '4.2.1',
            sensorSuite: ['lidar-128 x1', 'camera-8mp x11', 'radar x5'],
          },
        });
        await app.get(VehiclesService).addClosedFieldTest(actors.owner, actors.ownerScope, vehicle.id, {
          km: 1500 + 10 * n,
          site: 'Pingshan closed test field',
          testedOn: '2026-06-01',
          reportRef: `CFT-2026-${vin.slice(-6)}`,
        });
      }
      vehicleIds.push(vehicle.id);
      result.push({
        id: vehicle.id,
        vin,
        enterpriseId: enterprise.id,
        enterprise: enterprise.name,
        jurisdictionCode: PINGSHAN,
        token: await demoToken(app, actors.owner, actors.ownerScope, vehicle.id, saved),
      });
    }
    if (await dataSource.getRepository(Permit).existsBy({ enterpriseId: enterprise.id })) continue;
    const stages = plan[index];
    const operatorIds = (await dataSource.getRepository(SafetyOperator).findBy({ enterpriseId: enterprise.id })).map(
      (o) => o.id,
    );
    const zoneIds = [await zoneId(dataSource, PINGSHAN, business.zone)];
    const conditions = {
      night: false,
      adverseWeather: false,
      expressway: false,
      passengers: business.scene === 'PASSENGER' || business.scene === 'BUS',
      cargo: business.scene === 'CARGO',
      scenes: [business.scene] as CreateApplicationDto['conditions']['scenes'],
    };
    // The first vehicles stay at the closed field; the rest go on road tests; the last go on to pilots.
    const onRoad = vehicleIds.slice(stages.CLOSED_FIELD_TEST);
    const piloting = vehicleIds.slice(stages.CLOSED_FIELD_TEST + stages.OPEN_ROAD_TEST);
    if (onRoad.length > 0) {
      await issue(app, actors, { kind: 'ROAD_TEST', vehicleIds: onRoad, operatorIds, zoneIds, conditions });
    }
    if (piloting.length > 0) {
      await issue(app, actors, { kind: business.pilot, vehicleIds: piloting, operatorIds, zoneIds, conditions });
    }
  }
  return result;
}
