import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { SupervisionModule } from '@app/supervision';
import { RoadsideDevice } from './entities/roadside-device.entity';
import { RoadsideDevicesService } from './roadside-devices.service';
import { RoadsideHeartbeatsService } from './roadside-heartbeats.service';

const services = [RoadsideDevicesService, RoadsideHeartbeatsService];

@Module({
  imports: [TypeOrmModule.forFeature([RoadsideDevice]), AuditModule, SupervisionModule],
  providers: services,
  exports: services,
})
export class RoadsideModule {}
