import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { type MiddlewareConsumer, Module, type NestModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@app/audit';
import { CoreModule, type Environment, environmentConfig, HttpMetricsMiddleware, RedisClient } from '@app/core';
import { FleetModule } from '@app/fleet';
import { AccountsService, IdentityModule } from '@app/identity';
import { PermitsModule } from '@app/permits';
import { ReportingModule } from '@app/reporting';
import { RoadsideModule } from '@app/roadside';
import { StatisticsModule } from '@app/statistics';
import { SupervisionModule } from '@app/supervision';
import { TelemetryModule } from '@app/telemetry';
import { AuditController } from './audit/audit.controller';
import { AccessGuard } from './auth/access.guard';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { RouteAccessCheck } from './auth/route-access-check';
import { LanguageInterceptor } from './http/language.interceptor';
import { AuthController } from './identity/auth.controller';
import { EnterprisesController } from './identity/enterprises.controller';
import { JurisdictionsController } from './identity/jurisdictions.controller';
import { SafetyOperatorsController } from './identity/safety-operators.controller';
import { StaffController } from './identity/staff.controller';
import { VehiclesController } from './fleet/vehicles.controller';
import { ZonesController } from './fleet/zones.controller';
import { TelemetryController } from './telemetry/telemetry.controller';
import { ApplicationsController } from './permits/applications.controller';
import { PermitsController } from './permits/permits.controller';
import { IncidentsController } from './supervision/incidents.controller';
import { TakeoversController } from './supervision/takeovers.controller';
import { OperationsController } from './supervision/operations.controller';
import { AlertsController } from './supervision/alerts.controller';
import { ReportsController } from './reporting/reports.controller';
import { RoadsideDevicesController } from './roadside/roadside-devices.controller';
import { WebhooksController } from './supervision/webhooks.controller';
import { StatsController } from './statistics/stats.controller';

@Module({
  imports: [
    CoreModule,
    DiscoveryModule,
    ThrottlerModule.forRootAsync({
      inject: [environmentConfig.KEY, RedisClient],
      useFactory: (env: Environment, redis: RedisClient) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: env.RATE_LIMIT_PER_MINUTE }],
        storage: new ThrottlerStorageRedisService(redis),
      }),
    }),
    AuditModule,
    IdentityModule,
    FleetModule,
    TelemetryModule,
    PermitsModule,
    SupervisionModule,
    ReportingModule,
    RoadsideModule,
    StatisticsModule,
  ],
  controllers: [
    AuthController,
    EnterprisesController,
    StaffController,
    SafetyOperatorsController,
    JurisdictionsController,
    AuditController,
    VehiclesController,
    ZonesController,
    TelemetryController,
    ApplicationsController,
    PermitsController,
    IncidentsController,
    TakeoversController,
    OperationsController,
    AlertsController,
    ReportsController,
    RoadsideDevicesController,
    WebhooksController,
    StatsController,
  ],
  providers: [
    // Order matters: rate limits first, then authentication and roles.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    RouteAccessCheck,
    { provide: APP_INTERCEPTOR, useClass: LanguageInterceptor },
  ],
})
export class ApiModule implements NestModule, OnApplicationBootstrap {
  constructor(private readonly accounts: AccountsService) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }

  onApplicationBootstrap(): Promise<void> {
    return this.accounts.ensureBootstrapAdmin();
  }
}
