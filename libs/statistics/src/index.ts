export * from './dto/stats-query.dto';
export * from './statistics.module';
export * from './statistics.service';
export * from './vehicle-stage';
