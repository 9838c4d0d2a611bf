import 'reflect-metadata';
import { armShutdownDeadline, loadEnvironmentOrExit } from '@app/core';
import { createWorkerApp } from './create-worker-app';
import { QUEUE_DASHBOARD_ROUTE } from './queue-dashboard.module';

/**
 * The worker runs the BullMQ processors. It also listens on WORKER_PORT for /health,
 * /health/ready and /metrics, so orchestrators and Prometheus can watch it, and for the queue
 * dashboard at /queues when QUEUE_DASHBOARD_PASSWORD is set.
 */
async function bootstrap(): Promise<void> {
  const env = loadEnvironmentOrExit();
  const app = await createWorkerApp(env);
  armShutdownDeadline(env.SHUTDOWN_GRACE_MS);
  await app.listen(env.WORKER_PORT, env.HOST);
  process.stdout.write(`Worker running (health: http://localhost:${env.WORKER_PORT}/health)\n`);
  if (env.QUEUE_DASHBOARD_PASSWORD) {
    process.stdout.write(
      `Queue dashboard: http://localhost:${env.WORKER_PORT}${QUEUE_DASHBOARD_ROUTE} (user ${env.QUEUE_DASHBOARD_USER}, password QUEUE_DASHBOARD_PASSWORD in .env)\n`,
    );
  }
}

void bootstrap();
