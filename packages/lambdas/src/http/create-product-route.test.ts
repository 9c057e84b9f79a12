import { StoreUnavailableError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, cup } from './api-gateway.test-support';

const post = (options: Parameters<typeof apiEvent>[2] = { body: cup }) =>
  apiEvent('POST', COLLECTION, options);
const PROBLEM = 'application/problem+json';

describe('POST /api/products', () => {
  it('creates the product: 201, Location, ETag and the product as JSON', async () => {
    const world = apiWorld();
    const response = await world.createProduct(post());
    expect(response.status).toBe(201);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.body).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      ...cup,
      version: 1,
      createdAt: '2026-05-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
    });
    // The event comes through the stage invoke URL: Location keeps the stage the client used.
    expect(response.headers.Location).toBe('/dev/api/products/00000000-0000-4000-8000-000000000001');
    expect(response.headers.ETag).toBe('"1"');
    expect(world.products.size()).toBe(1);
  });

  it('reads a base64-encoded body and JSON media types with a charset', async () => {
    const world = apiWorld();
    const event = post({
      body: cup,
      base64: true,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect((await world.createProduct(event)).status).toBe(201);
  });

  it('passes the correlation id on to the write', async () => {
    const world = apiWorld();
    const response = await world.createProduct(
      post({ body: cup, headers: { 'X-Correlation-Id': 'order-42' } }),
    );
    expect(response.headers['X-Correlation-Id']).toBe('order-42');
    expect(world.products.changes()[0]?.correlationId).toBe('order-42');
  });

  it('counts the creation in an EMF document', async () => {
    const world = apiWorld();
    await world.createProduct(post());
    expect(world.metricLines).toEqual([
      expect.objectContaining({ ProductsCreated: 1, service: 'catalog-test' }),
    ]);
  });

  describe('when the body is refused', () => {
    it('answers 400 naming every bad field by its dotted path, unknown ones included', async () => {
      const world = apiWorld();
      const body = { name: ' ', price: { amount: 1.5, currency: 'eur', discount: 1 }, colour: 'red' };
      const response = await world.createProduct(post({ body }));
      expect(response.status).toBe(400);
      expect(response.headers['Content-Type']).toBe(PROBLEM);
      expect(response.body).toMatchObject({
        type: 'urn:catalog:problem:validation-failed',
        title: 'Bad Request',
        status: 400,
      });
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: 'must not be empty' },
          { field: 'colour', message: 'is not allowed' },
          { field: 'price.discount', message: 'is not allowed' },
          { field: 'price.amount', message: expect.stringContaining('integer') },
          { field: 'price.currency', message: expect.stringContaining('ISO 4217') },
        ]),
      );
      expect(world.products.size()).toBe(0);
      expect(world.metricLines).toEqual([expect.objectContaining({ ValidationFailures: 1 })]);
    });

    it('reports the domain invariants in the same form (an inactive currency code)', async () => {
      const world = apiWorld();
      const response = await world.createProduct(
        post({ body: { ...cup, price: { amount: 1, currency: 'XYZ' } } }),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'price.currency', message: 'XYZ is not an ISO 4217 currency code' },
      ]);
    });

    it.each([
      ['malformed JSON', '{"name": "Cup",', 'application/json', 400, 'urn:catalog:problem:malformed-json'],
      ['a JSON array', '[]', 'application/json', 400, 'urn:catalog:problem:validation-failed'],
      ['a missing body', undefined, 'application/json', 400, 'urn:catalog:problem:body-required'],
      [
        'a form body',
        'name=Cup',
        'application/x-www-form-urlencoded',
        415,
        'urn:catalog:problem:unsupported-media-type',
      ],
      ['no Content-Type', '{}', undefined, 415, 'urn:catalog:problem:unsupported-media-type'],
      [
        'a non-UTF-8 charset',
        '{}',
        'application/json; charset=latin1',
        415,
        'urn:catalog:problem:unsupported-media-type',
      ],
      [
        'a body over 16 KiB',
        JSON.stringify({ ...cup, description: 'x'.repeat(16 * 1024) }),
        'application/json',
        413,
        'urn:catalog:problem:body-too-large',
      ],
    ])('answers %s with %i problem+json', async (_, body, contentType, status, type) => {
      const world = apiWorld();
      const headers = contentType === undefined ? {} : { 'Content-Type': contentType };
      const response = await world.createProduct(post({ ...(body === undefined ? {} : { body }), headers }));
      expect(response.status).toBe(status);
      expect(response.headers['Content-Type']).toBe(PROBLEM);
      expect(response.body).toMatchObject({
        type,
        status,
        correlationId: response.headers['X-Correlation-Id'],
      });
      expect(world.products.size()).toBe(0);
    });

    it('answers 400 for bytes that are not UTF-8', async () => {
      const world = apiWorld();
      const event = {
        ...post(),
        body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'),
        isBase64Encoded: true,
      };
      expect((await world.createProduct(event)).body).toMatchObject({
        status: 400,
        type: 'urn:catalog:problem:malformed-json',
        detail: expect.stringContaining('not valid UTF-8'),
      });
    });
  });

  describe('with an Idempotency-Key', () => {
    const keyed = (key: string, body: object = cup) => post({ body, headers: { 'Idempotency-Key': key } });

    it('replays the first response for the same key and body, writing once', async () => {
      const world = apiWorld();
      const first = await world.createProduct(keyed('k-1'));
      const again = await world.createProduct(
        keyed('k-1', { price: cup.price, description: 'White', name: ' Cup ' }),
      );
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.Location).toBe(first.headers.Location);
      expect(again.headers.ETag).toBe(first.headers.ETag);
      expect(again.headers['Idempotent-Replayed']).toBe('true');
      expect(first.headers['Idempotent-Replayed']).toBeUndefined();
      expect(world.products.changes()).toHaveLength(1);
      expect(world.metricLines.filter((line) => 'ProductsCreated' in line)).toHaveLength(1);
    });

    it('answers 422 when the key was used with another body', async () => {
      const world = apiWorld();
      await world.createProduct(keyed('k-1'));
      const response = await world.createProduct(keyed('k-1', { ...cup, name: 'Mug' }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        type: 'urn:catalog:problem:idempotency-key-reused',
        title: 'Unprocessable Content',
      });
      expect(world.products.changes()).toHaveLength(1);
    });

    it('answers 409 while the first request with the key is still in flight', async () => {
      const world = apiWorld();
      const [first, second] = await Promise.all([
        world.createProduct(keyed('k-1')),
        world.createProduct(keyed('k-1')),
      ]);
      expect(first.status).toBe(201);
      const response = second;
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ type: 'urn:catalog:problem:idempotency-key-in-flight' });
    });

    it.each([
      ['an empty key', ''],
      ['a key with a space', 'a b'],
      ['a 256-character key', 'k'.repeat(256)],
      ['a non-ASCII key', 'schlüssel'],
    ])('answers 400 for %s', async (_, key) => {
      const world = apiWorld();
      const response = await world.createProduct(keyed(key));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      expect(world.products.size()).toBe(0);
    });

    it('answers 400 for a key given twice', async () => {
      const world = apiWorld();
      const response = await world.createProduct(
        post({ body: cup, headers: { 'Idempotency-Key': ['a', 'b'] } }),
      );
      expect(response.status).toBe(400);
    });
  });

  describe('when the store fails', () => {
    it('answers 503 with Retry-After when it throttles, and frees the key', async () => {
      const world = apiWorld();
      world.products.failNext(
        'create',
        new StoreUnavailableError('DynamoDB throttled UpdateItem (ThrottlingException)', 2),
      );
      const response = await world.createProduct(post({ body: cup, headers: { 'Idempotency-Key': 'k-1' } }));
      expect(response.status).toBe(503);
      expect(response.headers['Retry-After']).toBe('2');
      expect(response.body.detail).not.toContain('DynamoDB');
      expect(
        (await world.createProduct(post({ body: cup, headers: { 'Idempotency-Key': 'k-1' } }))).status,
      ).toBe(201);
    });

    it('answers 500 with only the correlation id, and logs the cause', async () => {
      const world = apiWorld();
      world.products.failNext('create', new Error('socket hang up at 10.0.0.12:443'));
      const response = await world.createProduct(
        post({ body: cup, headers: { 'x-correlation-id': 'c-500' } }),
      );
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        type: 'urn:catalog:problem:internal-error',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred; quote correlation id c-500 when reporting it.',
        correlationId: 'c-500',
      });
      expect(response.raw.body).not.toContain('socket');
      await world.flushLogs();
      expect(world.logLines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          correlationId: 'c-500',
          error: expect.objectContaining({ message: 'socket hang up at 10.0.0.12:443' }),
        }),
      );
    });
  });
});
