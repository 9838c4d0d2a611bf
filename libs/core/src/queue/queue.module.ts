import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { environmentConfig } from '../config/config.module';
import { type Environment } from '../config/environment';
import { DEFAULT_JOB_OPTIONS } from './queue-catalogue';

/** BullMQ on the configured Redis; domain modules register the queues they use. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [environmentConfig.KEY],
      useFactory: (env: Environment) => ({
        // Workers need blocking commands without a retry cap (BullMQ requires null here).
        connection: { url: env.REDIS_URL, maxRetriesPerRequest: null },
        prefix: env.REDIS_KEY_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
  ],
})
export class QueueModule {}
