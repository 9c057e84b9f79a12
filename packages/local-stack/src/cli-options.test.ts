import { describe, expect, it } from 'vitest';
import { parseCliOptions, repositoryRoot } from './cli-options';

const root = '/repo';

describe(parseCliOptions, () => {
  it('defaults to DynamoDB Local with its data under the repository root, on loopback, stage local', () => {
    expect(parseCliOptions([], root)).toMatchObject({
      port: 3000,
      eventsPort: 4010,
      host: '127.0.0.1',
      stage: 'local',
      backend: 'auto',
      dataDir: '/repo/.local/data',
      requiredScopes: ['catalog/products'],
    });
  });

  it('resolves a relative --data-dir against the repository root, whatever the working directory', () => {
    expect(parseCliOptions(['--data-dir', 'x/y'], root).dataDir).toBe('/repo/x/y');
    expect(parseCliOptions(['--data-dir', '/abs'], root).dataDir).toBe('/abs');
  });

  it('keeps nothing on disk with --in-memory or --memory', () => {
    expect(parseCliOptions(['--in-memory'], root)).toMatchObject({ dataDir: undefined, backend: 'auto' });
    expect(parseCliOptions(['--memory'], root)).toMatchObject({ dataDir: undefined, backend: 'memory' });
  });

  it('runs on PostgreSQL with --persistence postgres, its cluster in .local/postgres unless told otherwise', () => {
    expect(parseCliOptions(['--persistence', 'postgres'], root)).toMatchObject({
      backend: 'postgres',
      postgresDataDir: '/repo/.local/postgres',
    });
    expect(
      parseCliOptions(['--persistence', 'postgres', '--postgres-data-dir', 'pg'], root).postgresDataDir,
    ).toBe('/repo/pg');
    expect(
      parseCliOptions(['--persistence', 'postgres', '--in-memory'], root).postgresDataDir,
    ).toBeUndefined();
    expect(parseCliOptions([], root).postgresDataDir).toBeUndefined();
  });

  it.each([
    [['--persistence', 'aurora'], /--persistence must be dynamodb or postgres/],
    [['--persistence', 'postgres', '--memory'], /--memory .* --persistence postgres/],
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--stage', 'a/b'], /--stage/],
    [['--stage', '_local'], /_local/],
    [['--log-level', 'loud'], /--log-level/],
    [['--scope', 'a b'], /--scope/],
    [['--colour'], /colour/],
    [['stray'], /stray|positional/i],
  ])('refuses %j with a message naming the option', (args, message) => {
    expect(() => parseCliOptions(args, root)).toThrow(message);
  });

  it('finds the repository root from its own folder', () => {
    expect(repositoryRoot()).toMatch(/\/[^/]+$/);
    expect(repositoryRoot()).not.toContain('packages');
  });
});
