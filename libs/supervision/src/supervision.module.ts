import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FleetModule } from '@app/fleet';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { IncidentsService } from './incidents.service';
import { TakeoversService } from './takeovers.service';
import { OperationsService } from './operations.service';
import { AlertsService } from './alerts.service';
import { IncidentDeadlines } from './incident-deadlines';
import { CommercialTrip } from './entities/commercial-trip.entity';
import { Alert } from './entities/alert.entity';
import { PermitsModule } from '@app/permits';

@Module({
  imports: [
    TypeOrmModule.forFeature([Incident, IncidentVersion, CommercialTrip, Alert]),
    AuditModule,
    FleetModule,
    PermitsModule,
  ],
  providers: [IncidentsService, TakeoversService, OperationsService, AlertsService, IncidentDeadlines],
  exports: [IncidentsService, TakeoversService, OperationsService, AlertsService, IncidentDeadlines],
})
export class SupervisionModule {}
