// Lambda entry point of migrate-database (handler index.handler), invoked by Terraform at deploy: applies
// the pending PostgreSQL schema migrations, shipped next to this file as sql/NNNN_name.sql. The container is
// built once per execution environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { createMigrateDatabaseHandler, migrateDatabasePorts } from '../migrations/migrate-database-root';

export const handler = createMigrateDatabaseHandler(migrateDatabasePorts(process.env));
