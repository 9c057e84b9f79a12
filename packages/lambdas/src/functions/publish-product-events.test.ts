import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('publish-product-events entry point', () => {
  it('builds its container at import and exports a working stream handler', async () => {
    vi.stubEnv('EVENT_BUS_NAME', 'catalog-test-bus');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('LOG_LEVEL', 'error');
    const { handler } = await import('./publish-product-events');
    // An empty batch needs no call to EventBridge (the network is blocked here).
    expect(
      await handler({ Records: [] }, { awsRequestId: 'r', functionName: 'publish-product-events' }),
    ).toEqual({
      batchItemFailures: [],
    });
  });

  it('fails to load, naming the variable, when the environment is incomplete', async () => {
    vi.stubEnv('EVENT_BUS_NAME', '');
    await expect(import('./publish-product-events')).rejects.toThrow(
      /EVENT_BUS_NAME is required but not set/,
    );
  });
});
