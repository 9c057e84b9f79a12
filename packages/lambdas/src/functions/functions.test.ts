import { readdirSync } from 'node:fs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
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
    vi.stubEnv('CURSOR_SIGNING_KEY', 'a-local-cursor-key-of-32-bytes!!');
    const { handler } = (await import(`./${name}.ts`)) as EntryModule;
    const response = await handler(refusedEvent, {
      awsRequestId: 'r',
      functionName: name,
    });
    expect(response.statusCode).toBe(400);
  });

  it('list-products reads its cursor key from SSM once, at import, and serves every request with it', async () => {
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'a-cursor-key-from-parameter-store' } });
    vi.stubEnv('PRODUCTS_TABLE_NAME', 'catalog-test-products');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('LOG_LEVEL', 'error');
    vi.stubEnv('CURSOR_SIGNING_KEY_PARAMETER', '/catalog/test/cursor-signing-key-entry');
    const { handler } = (await import('./list-products')) as EntryModule;
    for (let i = 0; i < 3; i++) {
      const response = await handler(refusedEvent, { awsRequestId: `r-${i}`, functionName: 'list-products' });
      expect(response.statusCode).toBe(400);
    }
    expect(ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([
      { Name: '/catalog/test/cursor-signing-key-entry', WithDecryption: true },
    ]);
    ssm.restore();
  });

  it('list-products fails to load without a cursor signing secret', async () => {
    vi.stubEnv('PRODUCTS_TABLE_NAME', 'catalog-test-products');
    vi.stubEnv('CURSOR_SIGNING_KEY', '');
    vi.stubEnv('CURSOR_SIGNING_KEY_PARAMETER', '');
    await expect(import('./list-products')).rejects.toThrow(/CURSOR_SIGNING_KEY is required but not set/);
  });

  it('fails to load, naming the variable, when the environment is incomplete', async () => {
    vi.stubEnv('PRODUCTS_TABLE_NAME', '');
    await expect(import('./get-product')).rejects.toThrow(/PRODUCTS_TABLE_NAME is required but not set/);
  });
});
