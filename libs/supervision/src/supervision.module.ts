import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FleetModule } from '@app/fleet';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [TypeOrmModule.forFeature([Incident, IncidentVersion]), AuditModule, FleetModule],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class SupervisionModule {}
