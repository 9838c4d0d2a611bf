import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CoreModule, HttpMetricsMiddleware } from '@app/core';

@Module({
  imports: [CoreModule],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
