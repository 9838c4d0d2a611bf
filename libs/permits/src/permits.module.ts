import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FleetModule } from '@app/fleet';
import { IdentityModule } from '@app/identity';
import { ApplicationsService } from './applications.service';
import { DocumentStore, LocalDiskDocumentStore } from './document-store';
import { EligibilityFactsBuilder } from './eligibility-facts.builder';
import { EligibilityService } from './eligibility.service';
import { ApplicationDocument } from './entities/application-document.entity';
import { ApplicationEvaluation } from './entities/application-evaluation.entity';
import { Application } from './entities/application.entity';
import { MileageRecognition } from './entities/mileage-recognition.entity';
import { NoticeCounter } from './entities/notice-counter.entity';
import { Permit } from './entities/permit.entity';
import { PermitVehicle } from './entities/permit-vehicle.entity';
import { PermitsService } from './permits.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Application,
      ApplicationDocument,
      ApplicationEvaluation,
      Permit,
      PermitVehicle,
      MileageRecognition,
      NoticeCounter,
    ]),
    AuditModule,
    IdentityModule,
    FleetModule,
  ],
  providers: [
    ApplicationsService,
    PermitsService,
    EligibilityService,
    EligibilityFactsBuilder,
    { provide: DocumentStore, useClass: LocalDiskDocumentStore },
  ],
  exports: [ApplicationsService, PermitsService],
})
export class PermitsModule {}
