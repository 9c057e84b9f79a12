import { describe, expect, it } from 'vitest';
import { apiEvent, apiWorld, COLLECTION } from './api-gateway.test-support';

const post = (body: string) =>
  apiEvent('POST', COLLECTION, { headers: { 'Content-Type': 'application/json' }, body });

// The exact issues a client gets: the DTO's shape issues first, then the domain's value issues on other
// fields; a field is never reported twice.
describe('the issues a refused product body names', () => {
  it.each([
    [
      '{}',
      [
        { field: 'name', message: 'is required' },
        { field: 'price', message: 'is required' },
      ],
    ],
    ['{"price":{"amount":1,"currency":"EUR"}}', [{ field: 'name', message: 'is required' }]],
    [
      '{"name":"Cup","price":{}}',
      [
        { field: 'price.amount', message: 'is required' },
        { field: 'price.currency', message: 'is required' },
      ],
    ],
    ['{"name":"Cup","price":{"currency":"EUR"}}', [{ field: 'price.amount', message: 'is required' }]],
    [
      '{"name":5,"price":{"amount":"1","currency":1}}',
      [
        { field: 'name', message: 'must be a string' },
        { field: 'price.amount', message: 'must be a number' },
        { field: 'price.currency', message: 'must be a string' },
      ],
    ],
    [
      '{"name":"Cup","description":null,"price":[1]}',
      [
        { field: 'description', message: 'must be a string' },
        { field: 'price', message: 'must be an object with amount and currency' },
      ],
    ],
    [
      '{"name":"","price":{"amount":-1,"currency":"eur"},"x":1}',
      [
        { field: 'x', message: 'is not allowed' },
        { field: 'name', message: 'must not be empty' },
        { field: 'price.amount', message: 'must not be negative' },
        { field: 'price.currency', message: 'must be a three-letter upper-case ISO 4217 code such as EUR' },
      ],
    ],
    [
      '{"name":"  ","price":{"amount":1.5,"currency":"EUR"}}',
      [
        { field: 'name', message: 'must not be empty' },
        { field: 'price.amount', message: 'must be an integer number of minor units (e.g. cents)' },
      ],
    ],
  ])('%s', async (body, errors) => {
    const world = apiWorld();
    const response = await world.createProduct(post(body));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(errors);
    expect(world.products.changes()).toHaveLength(0);
  });

  it.each(['[]', '"Cup"', '42', 'null', 'true'])(
    'answers a body that is not an object (%s) naming the body',
    async (body) => {
      const response = await apiWorld().createProduct(post(body));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    },
  );

  it('checks every kind of JSON value for lone surrogates without tripping over any (null, numbers, arrays)', async () => {
    const response = await apiWorld().createProduct(
      post('{"name":"Cup","price":{"amount":1,"currency":"EUR"},"a":null,"b":[1,[null,{"c":true}]],"d":2.5}'),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'a', message: 'is not allowed' },
      { field: 'b', message: 'is not allowed' },
      { field: 'd', message: 'is not allowed' },
    ]);
  });
});
