import { join } from 'node:path';
import { type DataSourceOptions } from 'typeorm';
import { type Environment } from '../config/environment';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeOrmLogger } from './typeorm-logger';

/** Repository root, both from sources (ts-node) and from the compiled tree in dist/. */
const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The one set of data-source options used by the API, the worker, the TypeORM CLI, seeds and
 * tests. Schema changes only ever come from committed migrations.
 */
export function buildDataSourceOptions(env: Environment, databaseUrl = env.DATABASE_URL): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(ROOT, 'libs', '*', 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(ROOT, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed for ids.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: env.DATABASE_POOL_SIZE,
      application_name: `av-permits-${process.title}`,
    },
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmLogger(),
    maxQueryExecutionTime: 1_000,
  };
}
