import { Injectable } from '@nestjs/common';
import { type Pool, type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool TypeORM already holds, for the telemetry hot path: named (prepared) statements and
 * no ORM bookkeeping per query. Everything else goes through TypeORM repositories.
 */
@Injectable()
export class PgPool {
  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Runs a named prepared statement (parsed and planned once per connection). */
  async query<T extends QueryResultRow>(name: string, text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ name, text, values })).rows;
  }
}
