import { Global, Module } from '@nestjs/common';
import { TelemetryCompliance } from '@app/telemetry';
import { PermitCompliance } from './permit-compliance';

/**
 * Gives the telemetry writer its compliance checks. Imported by the worker only: it is global so
 * that the telemetry module, which cannot depend on supervision, finds the provider.
 */
@Global()
@Module({
  providers: [PermitCompliance, { provide: TelemetryCompliance, useExisting: PermitCompliance }],
  exports: [TelemetryCompliance],
})
export class ComplianceModule {}
