import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { apiEvent, apiWorld, COLLECTION, ITEM, PRODUCT_ID } from './api-gateway.test-support';

// Keys a plain object inherits, which a prototype-chain lookup would find "declared" on any DTO instance.
const inheritedNames = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
];
const DECLARED = { top: ['name', 'description', 'price'], price: ['amount', 'currency'] } as const;

const undeclaredKey = (level: keyof typeof DECLARED) =>
  fc
    .oneof(fc.constantFrom(...inheritedNames), fc.string({ minLength: 1, maxLength: 16 }))
    .filter((key) => !(DECLARED[level] as readonly string[]).includes(key));

// The body is written as text so that `__proto__` stays an own key, as JSON.parse makes it.
const bodyWith = (level: keyof typeof DECLARED, key: string, value: unknown) => {
  const extra = `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return level === 'top'
    ? `{"name":"ok","price":{"amount":1,"currency":"EUR"}${extra}}`
    : `{"name":"ok","price":{"amount":1,"currency":"EUR"${extra}}}`;
};

describe('validateBody', () => {
  it('refuses the keys of the report: hasOwnProperty in price, isPrototypeOf at the top', async () => {
    const world = apiWorld();
    const response = await world.createProduct(
      apiEvent('POST', COLLECTION, {
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"ok","price":{"amount":1,"currency":"EUR","hasOwnProperty":1},"isPrototypeOf":{}}',
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'price.hasOwnProperty', message: 'is not allowed' },
      { field: 'isPrototypeOf', message: 'is not allowed' },
    ]);
    expect(world.products.changes()).toHaveLength(0);
  });

  it('refuses any key a DTO does not declare as its own, at the top and inside price, and writes nothing', async () => {
    const world = apiWorld();
    const claims = vi.spyOn(world.idempotency, 'claim');
    const level = fc.constantFrom('top' as const, 'price' as const);
    const draw = level.chain((at) => fc.tuple(fc.constant(at), undeclaredKey(at), fc.jsonValue()));
    await fc.assert(
      fc.asyncProperty(draw, fc.boolean(), fc.boolean(), async ([at, key, value], viaPut, base64) => {
        const options = {
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
          body: bodyWith(at, key, value),
          base64,
        };
        const response = viaPut
          ? await world.putProduct(apiEvent('PUT', ITEM, { ...options, pathParameters: { id: PRODUCT_ID } }))
          : await world.createProduct(apiEvent('POST', COLLECTION, options));
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([
          { field: at === 'top' ? key : `price.${key}`, message: 'is not allowed' },
        ]);
        expect(world.products.changes()).toHaveLength(0);
        expect(claims).not.toHaveBeenCalled();
      }),
      {
        // Fewer under `pnpm test:mutation` (vitest.mutation.config.ts), which runs this once per mutant.
        numRuns: Number(process.env.CATALOG_FUZZ_RUNS ?? '2000') / 5,
        // Every inherited name at both levels, then random draws.
        examples: (['top', 'price'] as const).flatMap((at) =>
          inheritedNames
            .filter((key) => !(DECLARED[at] as readonly string[]).includes(key))
            .map((key): [[typeof at, string, fc.JsonValue], boolean, boolean] => [
              [at, key, 1],
              false,
              false,
            ]),
        ),
      },
    );
  });
});
