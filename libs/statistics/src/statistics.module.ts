import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { RoadsideModule } from '@app/roadside';
import { StatisticsService } from './statistics.service';

@Module({ imports: [IdentityModule, RoadsideModule], providers: [StatisticsService], exports: [StatisticsService] })
export class StatisticsModule {}
