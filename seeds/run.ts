import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadEnvironmentOrExit, NodeEnv } from '@app/core';
import {
  DEMO_DEVICES_FILE,
  DEMO_VEHICLES_FILE,
  seedDemoVehicles,
  seedRoadsideDevices,
  seedZones,
  writeDemoVehicles,
} from './demo-fleet.seed';
import { DEMO_ENTERPRISE_COUNT, seedDemoIdentity } from './demo-identity.seed';
import { seedDemoPermits, seedPingshanScale } from './pingshan-scale.seed';
import { SeedModule } from './seed.module';

/**
 * Loads the demo data (idempotent: running it again changes nothing). In production it loads
 * nothing and succeeds, so a deployment's migrate-and-seed step works unchanged.
 */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit();
  if (env.NODE_ENV === NodeEnv.Production) {
    process.stdout.write('Production: no demo data is loaded (reference data comes with the migrations).\n');
    return;
  }
  if (!env.DEMO_PASSWORD) {
    process.stderr.write('DEMO_PASSWORD is not set; skipping demo accounts.\n');
    return;
  }
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const accounts = await seedDemoIdentity(app, env.DEMO_PASSWORD);
    const zones = await seedZones(app);
    const demoVehicles = await seedDemoVehicles(app);
    const permits = await seedDemoPermits(app, demoVehicles);
    const vehicles = [...demoVehicles, ...(await seedPingshanScale(app, env.DEMO_PASSWORD, DEMO_ENTERPRISE_COUNT + 1))];
    writeDemoVehicles(vehicles);
    const devices = await seedRoadsideDevices(app);
    process.stdout.write(`Demo accounts (password: DEMO_PASSWORD in .env):\n`);
    for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(20)} ${a.email.padEnd(42)} ${a.scope}\n`);
    if (env.BOOTSTRAP_ADMIN_EMAIL) {
      process.stdout.write(
        `  ${'PLATFORM_ADMIN'.padEnd(20)} ${env.BOOTSTRAP_ADMIN_EMAIL.padEnd(42)} (password: BOOTSTRAP_ADMIN_PASSWORD)\n`,
      );
    }
    process.stdout.write(
      `Zones: ${zones} created from seeds/fixtures/zones.geojson. Demo vehicles: ${vehicles.length} (tokens in ${DEMO_VEHICLES_FILE}); demo permits issued now: ${permits}\n` +
        (devices > 0 ? `Roadside devices registered now: ${devices} (tokens in ${DEMO_DEVICES_FILE})\n` : '') +
        'Pingshan at the platform’s published scale: 12 enterprises, 205 vehicles (35 closed-field test, 63 open-road test, 107 demonstration); see GET /v1/stats\n',
    );
  } finally {
    await app.close();
  }
}

void main();
