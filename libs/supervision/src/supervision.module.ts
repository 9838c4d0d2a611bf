import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FleetModule } from '@app/fleet';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { IncidentsService } from './incidents.service';
import { TakeoversService } from './takeovers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Incident, IncidentVersion]), AuditModule, FleetModule],
  providers: [IncidentsService, TakeoversService],
  exports: [IncidentsService, TakeoversService],
})
export class SupervisionModule {}
