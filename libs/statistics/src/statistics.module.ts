import { Module } from '@nestjs/common';
import { RoadsideModule } from '@app/roadside';
import { StatisticsService } from './statistics.service';

@Module({ imports: [RoadsideModule], providers: [StatisticsService], exports: [StatisticsService] })
export class StatisticsModule {}
