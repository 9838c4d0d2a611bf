import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { ClosedFieldTest } from './entities/closed-field-test.entity';
import { VehicleConfiguration } from './entities/vehicle-configuration.entity';
import { VehicleCredential } from './entities/vehicle-credential.entity';
import { Vehicle } from './entities/vehicle.entity';
import { Zone } from './entities/zone.entity';
import { VehicleCredentialsService } from './vehicle-credentials.service';
import { VehiclesService } from './vehicles.service';
import { ZonesService } from './zones.service';

const services = [VehiclesService, VehicleCredentialsService, ZonesService];

@Module({
  imports: [
    TypeOrmModule.forFeature([Vehicle, VehicleConfiguration, ClosedFieldTest, VehicleCredential, Zone]),
    AuditModule,
    IdentityModule,
  ],
  providers: services,
  exports: services,
})
export class FleetModule {}
