import { Global, Module } from '@nestjs/common';
import { makeHistogramProvider, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HTTP_DURATION_METRIC, HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

const httpDuration = makeHistogramProvider({
  name: HTTP_DURATION_METRIC,
  help: 'HTTP request duration in seconds',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

@Global()
@Module({
  imports: [
    PrometheusModule.register({
      path: '/metrics',
      controller: MetricsController,
      defaultMetrics: { enabled: true },
    }),
  ],
  providers: [httpDuration, HttpMetricsMiddleware],
  exports: [httpDuration, HttpMetricsMiddleware, PrometheusModule],
})
export class MetricsModule {}
