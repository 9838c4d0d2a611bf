import { Module } from '@nestjs/common';
import { CoreConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './queue/redis.module';
import { HealthModule } from './health/health.module';
import { HttpDrain } from './http/http-drain';

/** Infrastructure both processes need: config, logs, PostgreSQL, Redis, BullMQ, health, metrics. */
@Module({
  imports: [CoreConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule, MetricsModule, HealthModule],
  providers: [HttpDrain],
})
export class CoreModule {}
