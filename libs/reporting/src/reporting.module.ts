import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { PermitsModule } from '@app/permits';
import { SupervisionModule } from '@app/supervision';
import { Report } from './entities/report.entity';
import { ReportFacts } from './report-facts';
import { ReportsService } from './reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([Report]), AuditModule, IdentityModule, PermitsModule, SupervisionModule],
  providers: [ReportsService, ReportFacts],
  exports: [ReportsService],
})
export class ReportingModule {}
