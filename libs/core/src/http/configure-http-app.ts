import { type INestApplication, VersioningType } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type Environment } from '../config/environment';
import { createValidationPipe } from '../errors/validation';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { jsonBodyParser } from './json-body-parser';

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
}

/**
 * Everything both HTTP processes share: logger, JSON body limit, URI versioning (/v1/...),
 * validation, problem+json errors and shutdown hooks. The API adds OpenAPI docs.
 */
export function configureHttpApp(app: NestExpressApplication, env: Environment): void {
  app.useLogger(app.get(Logger));
  app.use(jsonBodyParser(env.BODY_LIMIT_BYTES));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
}

/** Builds the OpenAPI document from the controllers, plus the DTO schemas the swagger plugin read from the code. */
export async function setupOpenApi(
  app: INestApplication,
  info: OpenApiInfo,
  pluginMetadata: () => Promise<Record<string, unknown>>,
): Promise<void> {
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'user')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Per-vehicle telemetry token' }, 'vehicle')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Per-device roadside token' }, 'device')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** Exits if shutdown has not finished within the grace period (a stuck connection or job). */
export function armShutdownDeadline(graceMs: number): void {
  const onSignal = (): void => {
    setTimeout(() => process.exit(1), graceMs).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
