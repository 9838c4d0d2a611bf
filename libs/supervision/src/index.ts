export * from './dto/incidents.dto';
export * from './entities/incident-version.entity';
export * from './entities/incident.entity';
export * from './incidents.service';
export * from './supervision.module';
export * from './dto/takeovers.dto';
export * from './takeovers.service';
