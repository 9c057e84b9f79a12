import { describe, expect, it } from 'vitest';
import { loadConfig } from './env';
import {
  readPersistence,
  readPostgresApiConfig,
  readPostgresListProductsConfig,
  readPostgresConnection,
} from './postgres';

/** A URL with a made-up user and password, assembled so that no credential literal sits in the source. */
const withCredentials = (url: string, user: string, password: string): string => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
};

const deployed = {
  POSTGRES_HOST: 'catalog.proxy-abc.eu-west-1.rds.amazonaws.com',
  POSTGRES_DATABASE: 'catalog',
  POSTGRES_USER: 'catalog_app',
  AWS_REGION: 'eu-west-1',
};

describe(readPersistence, () => {
  it('defaults to dynamodb and accepts postgres', () => {
    expect(loadConfig(readPersistence, {})).toBe('dynamodb');
    expect(loadConfig(readPersistence, { PERSISTENCE: 'postgres' })).toBe('postgres');
    expect(() => loadConfig(readPersistence, { PERSISTENCE: 'aurora' })).toThrow(
      /PERSISTENCE must be one of dynamodb, postgres \(got "aurora"\)/,
    );
  });
});

describe(readPostgresConnection, () => {
  it('uses IAM tokens and TLS by default, as deployed behind RDS Proxy', () => {
    expect(loadConfig(readPostgresConnection, deployed)).toEqual({
      host: deployed.POSTGRES_HOST,
      port: 5432,
      database: 'catalog',
      user: 'catalog_app',
      auth: { kind: 'iam', region: 'eu-west-1' },
      ssl: 'require',
    });
    expect(
      loadConfig(readPostgresConnection, { ...deployed, POSTGRES_SSL: 'verify-full', POSTGRES_PORT: '6432' }),
    ).toMatchObject({
      port: 6432,
      ssl: 'verify-full',
    });
  });

  it('takes a password for local use, without TLS unless asked', () => {
    expect(
      loadConfig(readPostgresConnection, {
        ...deployed,
        POSTGRES_AUTH: 'password',
        POSTGRES_PASSWORD: 'secret',
      }),
    ).toMatchObject({ auth: { kind: 'password', password: 'secret' }, ssl: 'disable' });
    expect(() => loadConfig(readPostgresConnection, { ...deployed, POSTGRES_AUTH: 'password' })).toThrow(
      /POSTGRES_PASSWORD is required but not set/,
    );
  });

  it('reads POSTGRES_URL as a shorthand for all of them', () => {
    expect(
      loadConfig(readPostgresConnection, {
        POSTGRES_URL: withCredentials('postgres://localhost:5433/catalog_local', 'me', 'p@ss'),
      }),
    ).toEqual({
      host: 'localhost',
      port: 5433,
      database: 'catalog_local',
      user: 'me',
      auth: { kind: 'password', password: 'p@ss' },
      ssl: 'disable',
    });
    expect(() => loadConfig(readPostgresConnection, { POSTGRES_URL: 'mysql://localhost/x' })).toThrow(
      /POSTGRES_URL must be a postgres:\/\/user:password@host:port\/database URL/,
    );
  });

  it('names every missing or malformed variable at once', () => {
    expect(() =>
      loadConfig(readPostgresConnection, {
        POSTGRES_AUTH: 'kerberos',
        POSTGRES_PORT: '0',
        POSTGRES_SSL: 'prefer',
      }),
    ).toThrow(
      'Invalid configuration: POSTGRES_AUTH must be one of iam, password (got "kerberos"); POSTGRES_HOST is required but not set; ' +
        'POSTGRES_PORT must be an integer from 1 to 65535 (got "0"); POSTGRES_DATABASE is required but not set; ' +
        'POSTGRES_USER is required but not set; AWS_REGION is required but not set; ' +
        'POSTGRES_SSL must be one of require, verify-full, disable (got "prefer")',
    );
  });
});

describe(readPostgresApiConfig, () => {
  it('gives the functions that never list a random cursor key of their own, never the secret', () => {
    const first = loadConfig(readPostgresApiConfig, {
      ...deployed,
      CURSOR_SIGNING_KEY: 'a-secret-of-enough-bytes',
    });
    expect(first.cursorSigningKey).toBeInstanceOf(Uint8Array);
    expect(first.cursorSigningKey).toHaveLength(32);
    expect(loadConfig(readPostgresApiConfig, deployed).cursorSigningKey).not.toEqual(first.cursorSigningKey);
  });
});

describe(readPostgresListProductsConfig, () => {
  it('signs cursors with CURSOR_SIGNING_KEY, and refuses to start without it (no derived key)', () => {
    expect(
      loadConfig(readPostgresListProductsConfig, {
        ...deployed,
        CURSOR_SIGNING_KEY: 'a-secret-of-enough-bytes',
      }),
    ).toMatchObject({ cursorSigningKey: 'a-secret-of-enough-bytes' });
    expect(() => loadConfig(readPostgresListProductsConfig, deployed)).toThrow(
      /CURSOR_SIGNING_KEY is required but not set.*CURSOR_SIGNING_KEY_PARAMETER/,
    );
  });
});
