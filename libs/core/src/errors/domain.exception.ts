import { HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `points.3.lat` or `creditCode`. */
  field: string;
  reason: string;
}

/**
 * A failure the caller can act on. `code` is stable (it becomes the problem `type`); `detail`
 * is for people. Domain libraries subclass it and never throw HTTP exceptions themselves.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Sent as Retry-After when the caller should come back later (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationFailedException extends DomainException {
  constructor(readonly errors: FieldProblem[]) {
    super('validation-failed', HttpStatus.BAD_REQUEST, errors.map((e) => `${e.field}: ${e.reason}`).join('; '), {
      errors,
    });
  }
}

export class NotFoundException extends DomainException {
  constructor(entity: string, id: string) {
    super('not-found', HttpStatus.NOT_FOUND, `${entity} ${id} was not found`);
  }
}

export class ConflictException extends DomainException {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(code, HttpStatus.CONFLICT, detail, extensions);
  }
}

export class ForbiddenException extends DomainException {
  constructor(detail: string) {
    super('forbidden', HttpStatus.FORBIDDEN, detail);
  }
}

export class UnauthorizedException extends DomainException {
  constructor(code: string, detail: string) {
    super(code, HttpStatus.UNAUTHORIZED, detail);
  }
}

export class TooManyRequestsException extends DomainException {
  constructor(detail: string, retryAfterSeconds: number) {
    super('rate-limited', HttpStatus.TOO_MANY_REQUESTS, detail, {}, retryAfterSeconds);
  }
}

export class ServiceUnavailableException extends DomainException {
  constructor(detail: string, retryAfterSeconds: number) {
    super('service-unavailable', HttpStatus.SERVICE_UNAVAILABLE, detail, {}, retryAfterSeconds);
  }
}
