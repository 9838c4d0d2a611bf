import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/load-environment';
import { buildDataSourceOptions } from './data-source-options';

/** Data source for the TypeORM CLI (migration:generate / run / revert) and scripts. */
export default new DataSource(buildDataSourceOptions(loadEnvironment()));
