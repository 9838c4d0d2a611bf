import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, type Environment } from '@app/core';
import { WorkerModule } from './worker.module';

/** Builds the worker as it runs in production; main.ts and the e2e tests share it. */
export async function createWorkerApp(env: Environment): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule, {
    bufferLogs: true,
    bodyParser: false,
    // Start-up errors are thrown to the caller (main.ts exits non-zero; tests see the error).
    abortOnError: false,
  });
  configureHttpApp(app, env);
  return app;
}
