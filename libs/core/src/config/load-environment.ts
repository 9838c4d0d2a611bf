import { config as loadDotenv } from 'dotenv';
import { type Environment, InvalidEnvironmentError, validateEnvironment } from './environment';

/**
 * For entry points outside Nest's DI (main.ts before boot, the TypeORM CLI, seeds, benches):
 * reads `.env` like @nestjs/config does (real environment variables win) and validates.
 */
export function loadEnvironment(): Environment {
  loadDotenv({ path: '.env', quiet: true });
  return validateEnvironment(process.env);
}

/** Validates the environment or prints one line naming the bad setting and exits. */
export function loadEnvironmentOrExit(): Environment {
  try {
    return loadEnvironment();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
