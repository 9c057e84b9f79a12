import { describe, expect, it } from 'vitest';
import { poolConfig, type PostgresConnectionSettings } from './client';

const deployed: PostgresConnectionSettings = {
  host: 'catalog.proxy-abc.eu-west-1.rds.amazonaws.com',
  port: 5432,
  database: 'catalog',
  user: 'catalog_app',
  auth: { kind: 'iam', region: 'eu-west-1' },
  ssl: 'verify-full',
};

describe(poolConfig, () => {
  it('opens one connection per environment, kept across invocations, with startup-parameter timeouts', () => {
    expect(poolConfig(deployed, {})).toMatchObject({
      max: 1,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: 3_000,
      statement_timeout: 5_000,
      lock_timeout: 2_000,
      idle_in_transaction_session_timeout: 60_000,
      query_timeout: 6_000,
      keepAlive: true,
      application_name: 'catalog',
    });
  });

  it('asks for a fresh IAM token for every new connection, and verifies the certificate with verify-full', () => {
    const config = poolConfig(deployed, {});
    expect(typeof config.password).toBe('function');
    expect(config.ssl).toEqual({ rejectUnauthorized: true, servername: deployed.host });
    expect(poolConfig({ ...deployed, ssl: 'require' }, {}).ssl).toEqual({ rejectUnauthorized: false });
  });

  it('uses the password as given for local use, and no TLS when disabled', () => {
    const local = poolConfig(
      { ...deployed, host: 'localhost', auth: { kind: 'password', password: 'pw' }, ssl: 'disable' },
      {},
    );
    expect(local).toMatchObject({ password: 'pw', ssl: false });
  });

  it('has no client-side query timeout when the statement timeout is off (migrations)', () => {
    const config = poolConfig(deployed, { statementTimeoutMs: 0 });
    expect(config.statement_timeout).toBe(0);
    expect(config).not.toHaveProperty('query_timeout');
  });
});
