import { RecordingProductEventPublisher } from '@catalog/testkit';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { streamHandlerOn, streamRecord } from '../stream/stream-records.test-support';
import { apiEvent, apiWorld, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';
import { anyPath, malformed } from './malformed-requests.test-support';

// 2,000 requests; `pnpm test:mutation` runs this once per mutant and asks for fewer (vitest.mutation.config.ts).
const RUNS = Number(process.env.CATALOG_FUZZ_RUNS ?? '2000');

describe('malformed requests', () => {
  it('get only a 4xx problem+json with a correlation id, valid per the spec, and write nothing (2,000 requests)', async () => {
    const world = apiWorld();
    await world.putProduct(apiEvent('PUT', ITEM, { pathParameters: { id: PRODUCT_ID }, body: cup }));
    const writes = world.products.changes().length;
    // Whatever a request writes reaches the stream handler, as the table's stream would carry it.
    const publisher = new RecordingProductEventPublisher();
    const stream = streamHandlerOn(publisher);
    const written: Promise<unknown>[] = [];
    world.products.subscribe(({ change }) => {
      written.push(stream.handler({ Records: [streamRecord(change)] }, {} as never));
    });
    const claims = vi.spyOn(world.idempotency, 'claim');
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        malformed,
        fc.boolean(),
        fc.option(anyPath),
        fc.option(anyPath),
        async ({ route, method, resource, options, rawBytes }, base64, path, requestPath) => {
          runs++;
          const built = apiEvent(method, resource, { ...options, base64 });
          const event = {
            ...built,
            ...(rawBytes === undefined ? {} : { body: rawBytes.toString('base64'), isBase64Encoded: true }),
            ...(path === null ? {} : { path }),
            requestContext: {
              ...built.requestContext,
              ...(requestPath === null ? {} : { path: requestPath }),
            },
          };
          // apiWorld checks every response against docs/api/openapi.yaml as well.
          const response = await world[route](event);
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(response.headers['Content-Type']).toBe('application/problem+json');
          expect(response.headers['X-Correlation-Id']).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
          expect(response.body).toMatchObject({
            type: expect.stringMatching(/^urn:catalog:problem:/),
            title: expect.any(String),
            status: response.status,
            detail: expect.any(String),
            correlationId: response.headers['X-Correlation-Id'],
          });
          expect(world.products.changes()).toHaveLength(writes);
          expect(claims).not.toHaveBeenCalled();
        },
      ),
      { numRuns: RUNS },
    );
    await Promise.all(written);
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    expect(written).toHaveLength(0);
    expect(publisher.delivered).toEqual([]);
  }, 60_000);
});
