import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readBaseConfig } from './env';

describe(loadConfig, () => {
  it('applies defaults when optional variables are absent', () => {
    expect(loadConfig(readBaseConfig, {})).toEqual({
      serviceName: 'catalog',
      logLevel: 'info',
      metricsNamespace: 'Catalog',
      tracing: { mode: 'off' },
    });
  });

  it('reads and trims what is set', () => {
    const config = loadConfig(
      (env) => ({ ...readBaseConfig(env), table: env.string('PRODUCTS_TABLE_NAME') }),
      { SERVICE_NAME: ' catalog-dev ', LOG_LEVEL: 'debug', PRODUCTS_TABLE_NAME: 'products' },
    );
    expect(config).toMatchObject({ serviceName: 'catalog-dev', logLevel: 'debug', table: 'products' });
  });

  it('fails once, naming every missing or malformed variable', () => {
    const load = () =>
      loadConfig(
        (env) => ({
          base: readBaseConfig(env),
          table: env.string('PRODUCTS_TABLE_NAME'),
          ttl: env.integer('IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 60, max: 604_800 }),
        }),
        { LOG_LEVEL: 'verbose', IDEMPOTENCY_TTL_SECONDS: '1.5', PRODUCTS_TABLE_NAME: '  ' },
      );
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error (got "verbose"); ' +
        'PRODUCTS_TABLE_NAME is required but not set; ' +
        'IDEMPOTENCY_TTL_SECONDS must be an integer from 60 to 604800 (got "1.5")',
    );
  });

  it('rejects integers outside the range', () => {
    expect(() => loadConfig((env) => env.integer('N', 1, { min: 1, max: 10 }), { N: '11' })).toThrow(
      /N must be an integer from 1 to 10 \(got "11"\)/,
    );
  });
});
