import { Global, Inject, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { validateEnvironment } from './environment';

/** The validated Environment, built once by @nestjs/config after it has read `.env`. */
export const environmentConfig = registerAs('environment', () => validateEnvironment(process.env));

/** Injects the validated Environment. */
export const InjectEnvironment = (): ParameterDecorator => Inject(environmentConfig.KEY);

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      envFilePath: ['.env'],
      // Tests set every setting they need; a developer's .env must not change their outcome.
      ignoreEnvFile: process.env.NODE_ENV === 'test',
      load: [environmentConfig],
    }),
  ],
})
export class CoreConfigModule {}
