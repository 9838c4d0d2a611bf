import 'reflect-metadata';
import { armShutdownDeadline, loadEnvironmentOrExit } from '@app/core';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit();
  const app = await createApiApp(env);
  armShutdownDeadline(env.SHUTDOWN_GRACE_MS);
  await app.listen(env.PORT, env.HOST);
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  process.stdout.write(`API listening on ${base}/v1  (docs: ${base}/docs)\n`);
}

void bootstrap();
