export * from './audit-chain';
export * from './audit-checkpoint.entity';
export * from './audit-checkpoint.service';
export * from './audit-entry.entity';
export * from './audit.module';
export * from './audit.service';
