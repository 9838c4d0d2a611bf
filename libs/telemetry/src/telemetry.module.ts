import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '@app/core';
import { FleetModule } from '@app/fleet';
import { Takeover } from './entities/takeover.entity';
import { VehicleDailyStats } from './entities/vehicle-daily-stats.entity';
import { VehicleZoneDailyStats } from './entities/vehicle-zone-daily-stats.entity';
import { TelemetryIngestService } from './telemetry-ingest.service';
import { TelemetryQueryService } from './telemetry-query.service';
import { TelemetryWriter } from './telemetry-writer.service';
import { WatermarkStore } from './watermark.store';
import { ZoneIndexProvider } from './zone-index.provider';

@Module({
  imports: [
    TypeOrmModule.forFeature([VehicleDailyStats, VehicleZoneDailyStats, Takeover]),
    BullModule.registerQueue({ name: QueueName.Telemetry }),
    FleetModule,
  ],
  providers: [TelemetryIngestService, TelemetryQueryService, TelemetryWriter, WatermarkStore, ZoneIndexProvider],
  exports: [TelemetryIngestService, TelemetryQueryService, TelemetryWriter, ZoneIndexProvider],
})
export class TelemetryModule {}
