import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiHandler } from '../http/edge';
import { refusedEvent } from '../http/api-gateway.test-support';

type EntryModule = { handler: ApiHandler };

const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('function entry points', () => {
  it('has one entry file per API route', () => {
    const files = readdirSync(new URL('.', import.meta.url)).filter((file) => !file.includes('.test'));
    expect(files).toEqual(expect.arrayContaining(API_FUNCTIONS.map((name) => `${name}.ts`)));
  });

  it.each(API_FUNCTIONS)('%s builds its container at import and exports a working handler', async (name) => {
    vi.stubEnv('PRODUCTS_TABLE_NAME', 'catalog-test-products');
    vi.stubEnv('IDEMPOTENCY_TABLE_NAME', 'catalog-test-idempotency');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('LOG_LEVEL', 'error');
    const { handler } = (await import(`./${name}.ts`)) as EntryModule;
    const response = await handler(refusedEvent, {
      awsRequestId: 'r',
      functionName: name,
    });
    expect(response.statusCode).toBe(400);
  });

  it('fails to load, naming the variable, when the environment is incomplete', async () => {
    vi.stubEnv('PRODUCTS_TABLE_NAME', '');
    await expect(import('./get-product')).rejects.toThrow(/PRODUCTS_TABLE_NAME is required but not set/);
  });
});
