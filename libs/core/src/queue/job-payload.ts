import { UnrecoverableError } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { IsUUID, validateSync } from 'class-validator';
import { flattenValidationErrors } from '../errors/validation';

/** Payload of `audit.verify-chain`. */
export class VerifyAuditChainJob {
  @IsUUID()
  checkpointId!: string;
}

/**
 * Validates a job payload in the worker (HTTP pipes do not run there). An invalid payload can
 * never succeed, so it fails without retries.
 */
export function parseJobPayload<T extends object>(type: new () => T, data: unknown): T {
  const payload = plainToInstance(type, data);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const problems = flattenValidationErrors(errors).map((e) => `${e.field}: ${e.reason}`);
    throw new UnrecoverableError(`invalid ${type.name} payload: ${problems.join('; ')}`);
  }
  return payload;
}
