import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, type Environment, setupOpenApi } from '@app/core';
import { ApiModule } from './api.module';
import openApiMetadata from './openapi-metadata';

/** Builds the API exactly as it runs in production; main.ts and the e2e tests share it. */
export async function createApiApp(env: Environment): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
    // Start-up errors are thrown to the caller (main.ts exits non-zero; tests see the error).
    abortOnError: false,
  });
  configureHttpApp(app, env);
  if (env.SWAGGER_ENABLED) {
    await setupOpenApi(
      app,
      {
        title: 'AV road-test permits and fleet supervision',
        description:
          'Permit applications, issued notices, vehicle telemetry and live supervision for autonomous-vehicle pilot zones. Errors are application/problem+json (RFC 9457).',
        version: '1',
      },
      openApiMetadata,
    );
  }
  return app;
}
