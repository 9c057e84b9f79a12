import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMigrateDatabaseHandler, migrateDatabasePorts } from './migrate-database-root';
import type { MigrationRunner } from './migrate-database-handler';

const ENV = {
  PERSISTENCE: 'postgres',
  POSTGRES_HOST: 'proxy.example.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_DATABASE: 'catalog',
  POSTGRES_USER: 'catalog_admin',
  POSTGRES_AUTH: 'iam',
  POSTGRES_SSL: 'verify-full',
  AWS_REGION: 'eu-west-1',
};
const context = { awsRequestId: 'r-1', functionName: 'catalog-dev-migrate-database' };

const handlerWith = (runner: MigrationRunner, env: Record<string, string> = ENV) => {
  const lines: string[] = [];
  const logStream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString());
      done();
    },
  });
  const handler = createMigrateDatabaseHandler(migrateDatabasePorts(env, { runner, logStream }));
  return { handler, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('migrate-database', () => {
  it('runs the migrations on the database of the PostgreSQL environment contract and answers the report', async () => {
    const targets: unknown[] = [];
    const { handler, logs } = handlerWith((settings) => {
      targets.push(settings);
      return Promise.resolve({ applied: [1, 2], current: 2 });
    });
    await expect(handler({ source: 'terraform' }, context)).resolves.toEqual({ applied: [1, 2], current: 2 });
    expect(targets).toEqual([
      {
        host: 'proxy.example.internal',
        port: 5432,
        database: 'catalog',
        user: 'catalog_admin',
        auth: { kind: 'iam', region: 'eu-west-1' },
        ssl: 'verify-full',
      },
    ]);
    expect(logs()).toContainEqual(
      expect.objectContaining({
        message: 'schema migrations applied',
        source: 'terraform',
        applied: [1, 2],
        target: 'catalog_admin@proxy.example.internal:5432/catalog',
      }),
    );
  });

  it('fails the invocation with the runner failure, logged', async () => {
    const { handler, logs } = handlerWith(() => Promise.reject(new Error('Migration 0001 was changed')));
    await expect(handler({ source: 'terraform' }, context)).rejects.toThrow('Migration 0001 was changed');
    expect(logs()).toContainEqual(expect.objectContaining({ message: 'schema migration failed' }));
  });

  it.each([[undefined], [null], ['terraform'], [[]], [{}], [{ source: '' }], [{ source: 7 }]])(
    'refuses the event %j without running anything',
    async (event) => {
      let ran = false;
      const { handler } = handlerWith(() => {
        ran = true;
        return Promise.resolve({ applied: [], current: 1 });
      });
      await expect(handler(event, context)).rejects.toThrow('expects an event like {"source":"terraform"}');
      expect(ran).toBe(false);
    },
  );

  it('refuses at init a missing connection setting or another persistence, naming each', () => {
    const { POSTGRES_HOST: _host, ...withoutHost } = ENV;
    expect(() => migrateDatabasePorts({ ...withoutHost, PERSISTENCE: 'dynamodb' })).toThrow(
      /POSTGRES_HOST is required.*PERSISTENCE must be postgres for migrate-database|PERSISTENCE must be postgres for migrate-database.*POSTGRES_HOST is required/,
    );
  });
});
