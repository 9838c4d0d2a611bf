import { Logger } from '@nestjs/common';
import { type Logger as TypeOrmLoggerInterface } from 'typeorm';

const MAX_QUERY_CHARS = 500;
const shorten = (query: string): string =>
  query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query;

/**
 * TypeORM's messages through the application logger (pino in the apps), so they carry the
 * request id and obey LOG_LEVEL. Parameters are never logged: they can hold personal data.
 * A failed query is a warning here: the error itself reaches the caller, which decides.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {
    // Every query would drown the log; slow and failed ones are logged below.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query: shorten(query), err: typeof error === 'string' ? error : error.message }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: shorten(query), ms: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else if (level === 'log') this.logger.log(message);
    else this.logger.debug(message); // 'info' is TypeORM's start-up chatter (entity globs found)
  }
}
