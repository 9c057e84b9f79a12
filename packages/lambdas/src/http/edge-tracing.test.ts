import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  buildCreateProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
} from '../bindings/api-routes';
import { apiEvent, apiWorld, COLLECTION, cup, ITEM, lambdaContext } from './api-gateway.test-support';
import { edgeHandler, recordingTracer, traceWith } from './edge.test-support';
import type { Route } from './route';

const ID_64 = 'a'.repeat(64);

/** Runs one request through a real route with a recording tracer: the route's span. */
const tracedBy = async (build: typeof buildGetProductHandler, name: string, event: APIGatewayProxyEvent) => {
  const world = apiWorld();
  const { tracer, spans } = recordingTracer();
  traceWith(world, tracer);
  const result = await build(world.ports)(event, lambdaContext(name));
  expect(spans).toHaveLength(1);
  return { result, span: spans[0]! };
};

const getById = (id: string) =>
  apiEvent('GET', ITEM, { pathParameters: { id }, headers: { 'X-Correlation-Id': 'c-1' } });

describe('the route span', () => {
  describe('productId annotation', () => {
    it('is the id a POST created, taken from the response body', async () => {
      const event = apiEvent('POST', COLLECTION, { body: cup, headers: { 'X-Correlation-Id': 'c-1' } });
      const { result, span } = await tracedBy(buildCreateProductHandler, 'create-product', event);
      expect(result.statusCode).toBe(201);
      const { id } = JSON.parse(result.body) as { id: string };
      expect(span).toStrictEqual({
        name: 'create-product',
        annotations: { route: 'create-product', correlationId: 'c-1', productId: id },
        statuses: [201],
        errors: [],
      });
    });

    it('is absent when neither the path nor the body names a product (a list)', async () => {
      const { span } = await tracedBy(buildListProductsHandler, 'list-products', apiEvent('GET', COLLECTION));
      expect(span.statuses).toEqual([200]);
      expect(Object.keys(span.annotations)).toEqual(['route', 'correlationId']);
    });

    it('keeps a path id of up to 64 characters, even one the route refuses', async () => {
      const { result, span } = await tracedBy(buildGetProductHandler, 'get-product', getById(ID_64));
      expect(result.statusCode).toBe(400);
      expect(span.annotations.productId).toBe(ID_64);
    });

    it.each([
      ['empty', ''],
      ['65 characters', `${ID_64}a`],
    ])('leaves out a path id that is %s', async (_, id) => {
      const { result, span } = await tracedBy(buildGetProductHandler, 'get-product', getById(id));
      expect(result.statusCode).toBeGreaterThanOrEqual(400);
      expect(Object.keys(span.annotations)).toEqual(['route', 'correlationId']);
    });

    it('falls back to the body id only when the path has none worth keeping, and only a string one', async () => {
      const world = apiWorld();
      const { tracer, spans } = recordingTracer();
      traceWith(world, tracer);
      const bodies: unknown[] = [{ id: 'from-body' }, { id: 42 }, undefined];
      const route: Route = {
        name: 'probe',
        handle: () => Promise.resolve({ status: 200, body: bodies.shift() }),
      };
      const handler = edgeHandler(world, route);
      await handler(apiEvent('GET', ITEM, { pathParameters: { id: '' } }));
      await handler(apiEvent('GET', COLLECTION));
      const empty = await handler(apiEvent('GET', COLLECTION));
      expect(empty.statusCode).toBe(200);
      expect(spans.map((span) => span.annotations.productId)).toEqual(['from-body', undefined, undefined]);
      expect(spans.map((span) => Object.keys(span.annotations).includes('productId'))).toEqual([
        true,
        false,
        false,
      ]);
    });
  });

  describe('errors', () => {
    it('records an unexpected error on the span, as it was thrown, with the 500', async () => {
      const world = apiWorld();
      const { tracer, spans } = recordingTracer();
      traceWith(world, tracer);
      const boom = new Error('boom');
      const route: Route = { name: 'broken', handle: () => Promise.reject(boom) };
      const result = await edgeHandler(world, route)(apiEvent('GET', COLLECTION));
      expect(result.statusCode).toBe(500);
      expect(spans[0]?.errors).toEqual([boom]);
      expect(spans[0]?.errors[0]).toBe(boom);
      expect(spans[0]?.statuses).toEqual([500]);
    });

    it('records no error for a refusal: the status alone marks it', async () => {
      const { result, span } = await tracedBy(
        buildGetProductHandler,
        'get-product',
        getById('3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60'),
      );
      expect(result.statusCode).toBe(404);
      expect(span.errors).toEqual([]);
      expect(span.statuses).toEqual([404]);
    });
  });
});
