import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { type Request, type Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { isUniqueViolation } from '../database/unique-violation';
import { DomainException, ServiceUnavailableException } from './domain.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document. `type` is a stable, relative URI per failure kind. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  [extension: string]: unknown;
}

function slug(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * Renders every error as application/problem+json. Domain and HTTP errors keep their status;
 * anything unexpected is a 500 without internals, logged
 * with its stack and the request id so it can be found.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(thrown: unknown, host: ArgumentsHost): void {
    // PostgreSQL down or restarting is no bug of the request: 503 with Retry-After, so clients retry.
    const exception = isDatabaseUnavailable(thrown)
      ? new ServiceUnavailableException('The database is unavailable right now; retry after Retry-After', 5)
      : thrown;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl ?? request.url;
    if (typeof request.id === 'string') problem.requestId = request.id;

    if (problem.status >= 500 && !(exception instanceof DomainException)) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'unhandled error');
    }
    if (exception instanceof DomainException && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof DomainException) {
      return {
        type: `/problems/${exception.code}`,
        title: STATUS_CODES[exception.status] ?? 'Error',
        status: exception.status,
        detail: exception.detail,
        instance: '',
        ...exception.extensions,
      };
    }
    if (exception instanceof ThrottlerException) {
      return this.plain(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate-limited',
        'Too many requests; retry after the time in Retry-After',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : typeof (body as { message?: unknown }).message === 'string'
            ? (body as { message: string }).message
            : exception.message;
      return this.plain(status, slug(status), detail);
    }
    if (isUniqueViolation(exception)) {
      // A race past a service's own existence check: the database kept the first request.
      return this.plain(HttpStatus.CONFLICT, 'conflict', 'A record with these values already exists');
    }
    return this.plain(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal-error',
      'An unexpected error occurred; it has been logged with the request id',
    );
  }

  private plain(status: number, code: string, detail: string): ProblemDocument {
    return {
      type: `/problems/${code}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance: '',
    };
  }
}
