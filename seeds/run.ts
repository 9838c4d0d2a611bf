import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadEnvironmentOrExit, NodeEnv } from '@app/core';
import { DEMO_VEHICLES_FILE, seedDemoVehicles, seedZones } from './demo-fleet.seed';
import { seedDemoIdentity } from './demo-identity.seed';
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
    const vehicles = await seedDemoVehicles(app);
    process.stdout.write(`Demo accounts (password: DEMO_PASSWORD in .env):\n`);
    for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(20)} ${a.email.padEnd(42)} ${a.scope}\n`);
    if (env.BOOTSTRAP_ADMIN_EMAIL) {
      process.stdout.write(
        `  ${'PLATFORM_ADMIN'.padEnd(20)} ${env.BOOTSTRAP_ADMIN_EMAIL.padEnd(42)} (password: BOOTSTRAP_ADMIN_PASSWORD)\n`,
      );
    }
    process.stdout.write(
      `Zones: ${zones} created from seeds/fixtures/zones.geojson. Demo vehicles: ${vehicles.length} (tokens in ${DEMO_VEHICLES_FILE})\n`,
    );
  } finally {
    await app.close();
  }
}

void main();
