import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { environmentConfig } from '../config/config.module';
import { type Environment } from '../config/environment';
import { buildDataSourceOptions } from '../database/data-source-options';
import { PgPool } from './pg-pool';
import { TransactionService } from './transaction.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [environmentConfig.KEY],
      useFactory: (env: Environment) => buildDataSourceOptions(env),
    }),
  ],
  providers: [TransactionService, PgPool],
  exports: [TransactionService, PgPool],
})
export class DatabaseModule {}
