import 'reflect-metadata';
import { armShutdownDeadline, loadEnvironmentOrExit } from '@app/core';
import { createWorkerApp } from './create-worker-app';

/**
 * The worker runs the BullMQ processors. It also listens on WORKER_PORT for /health,
 * /health/ready and /metrics only, so orchestrators and Prometheus can watch it.
 */
async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit();
  const app = await createWorkerApp(env);
  armShutdownDeadline(env.SHUTDOWN_GRACE_MS);
  await app.listen(env.WORKER_PORT, env.HOST);
  process.stdout.write(`Worker running (health: http://localhost:${env.WORKER_PORT}/health)\n`);
}

void bootstrap();
