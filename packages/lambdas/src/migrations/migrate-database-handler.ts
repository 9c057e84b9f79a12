import type { PostgresConnectionSettings } from '@catalog/adapter-postgres';
import type { MigrationReport } from '@catalog/adapter-postgres/migrations';
import type { Context } from 'aws-lambda';
import { inject, injectable } from 'inversify';
import { errorDetails, invocationLogger, Logger } from '../observability/logger';

/** Where the migrations go: the database the other PostgreSQL functions use, with their settings. */
export const MigrationTarget = Symbol.for('catalog.MigrationTarget');

/** Applies the pending migrations to a database (the adapter's forward-only runner). */
export type MigrationRunner = (settings: PostgresConnectionSettings) => Promise<MigrationReport>;
export const MigrationRunner = Symbol.for('catalog.MigrationRunner');

export type MigrateDatabaseHandler = (
  event: unknown,
  context: Pick<Context, 'awsRequestId' | 'functionName'>,
) => Promise<MigrationReport>;

const sourceOf = (event: unknown): string | undefined => {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const { source } = event as { source?: unknown };
  return typeof source === 'string' && source.trim() !== '' ? source : undefined;
};

/**
 * The migrate-database function: invoked at deploy (Terraform sends `{"source":"terraform"}`), applies the
 * pending schema migrations and answers which it applied. Any failure (unreachable database, a failed
 * migration, an applied migration whose file was edited) is thrown, so the invocation, and the deploy
 * that made it, fails; what a failed migration did is rolled back with it.
 */
@injectable()
export class DatabaseMigration {
  constructor(
    @inject(MigrationTarget) private readonly target: PostgresConnectionSettings,
    @inject(MigrationRunner) private readonly run: MigrationRunner,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  readonly handle: MigrateDatabaseHandler = async (event, context) => {
    const log = invocationLogger(this.logger, context);
    const source = sourceOf(event);
    if (source === undefined) {
      throw new TypeError(
        'migrate-database expects an event like {"source":"terraform"}; nothing was applied',
      );
    }
    const { host, port, database, user } = this.target;
    const target = `${user}@${host}:${port}/${database}`;
    try {
      const report = await this.run(this.target);
      log.info('schema migrations applied', {
        source,
        target,
        applied: report.applied,
        current: report.current,
      });
      return report;
    } catch (error) {
      log.error('schema migration failed', { source, target, error: errorDetails(error) });
      throw error;
    }
  };
}
