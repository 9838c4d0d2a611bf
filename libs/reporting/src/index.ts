export * from './dto/reports.dto';
export * from './entities/report.entity';
export * from './periods';
export * from './report-content';
export * from './report-csv';
export * from './reporting.module';
export * from './reports.service';
