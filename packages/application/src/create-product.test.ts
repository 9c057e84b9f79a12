import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  StoreUnavailableError,
  ValidationError,
} from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { CreateProduct, scopedIdempotencyKey } from './create-product';
import { context, cup, fakeWorld } from './use-cases.test-support';

const setup = () => {
  const world = fakeWorld();
  world.container.bind(CreateProduct).toSelf();
  return { ...world, createProduct: world.container.get(CreateProduct) };
};

describe(CreateProduct, () => {
  it('creates a product with a server-assigned id at version 1', async () => {
    const { createProduct, products } = setup();
    const result = await createProduct.execute({ ...cup, name: '  Cup  ' }, context);
    const { product } = result;
    expect(result).toMatchObject({ replayed: false });
    expect(product).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Cup',
      description: 'White',
      price: { amount: 450, currency: 'EUR' },
      version: 1,
      createdAt: '2026-05-01T12:00:00.000Z',
      updatedAt: '2026-05-01T12:00:00.000Z',
    });
    expect(await products.get(product.id)).toEqual(product);
    expect(products.correlationIdOf(product.id)).toBe('corr-test');
  });

  it('gives each request a new product', async () => {
    const { createProduct, products } = setup();
    await createProduct.execute(cup, context);
    await createProduct.execute(cup, context);
    expect(products.size()).toBe(2);
  });

  describe('when the input breaks an invariant', () => {
    it('throws ValidationError naming every field and writes nothing', async () => {
      const { createProduct, products } = setup();
      const error = await createProduct
        .execute({ name: 'x'.repeat(101), price: { amount: -1, currency: 'XYZ' } }, context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual([
        'name',
        'price.amount',
        'price.currency',
      ]);
      expect(products.size()).toBe(0);
    });
  });

  describe('with an Idempotency-Key', () => {
    it('returns the first response for a repeat with the same body and writes once', async () => {
      const { createProduct, products } = setup();
      const first = await createProduct.execute(cup, { ...context, idempotencyKey: 'k1' });
      const again = await createProduct.execute(
        { price: { currency: 'EUR', amount: 450 }, description: 'White', name: 'Cup ' },
        { ...context, idempotencyKey: 'k1' },
      );
      expect(again).toEqual({ product: first.product, replayed: true });
      expect(products.size()).toBe(1);
    });

    it('throws IdempotencyKeyReusedError for the same key with another body', async () => {
      const { createProduct, products } = setup();
      await createProduct.execute(cup, { ...context, idempotencyKey: 'k1' });
      await expect(
        createProduct.execute({ ...cup, name: 'Mug' }, { ...context, idempotencyKey: 'k1' }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(products.size()).toBe(1);
    });

    it.each([
      ['another description', { ...cup, description: 'Black' }],
      ['no description', { name: cup.name, price: cup.price }],
      ['another amount', { ...cup, price: { ...cup.price, amount: 451 } }],
      ['another currency', { ...cup, price: { ...cup.price, currency: 'USD' } }],
    ])('tells a body with %s apart from the first', async (_, other) => {
      const { createProduct, products } = setup();
      await createProduct.execute(cup, { ...context, idempotencyKey: 'k1' });
      await expect(createProduct.execute(other, { ...context, idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
        IdempotencyKeyReusedError,
      );
      expect(products.size()).toBe(1);
    });

    it('tells an empty description from none', async () => {
      const { createProduct } = setup();
      const bare = { name: cup.name, price: cup.price };
      await createProduct.execute(bare, { ...context, idempotencyKey: 'k1' });
      await expect(
        createProduct.execute({ ...bare, description: '' }, { ...context, idempotencyKey: 'k1' }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('throws IdempotencyKeyInFlightError for a concurrent repeat while the first is still running', async () => {
      const { createProduct, products, idempotency } = setup();
      const outcomes = await Promise.allSettled([
        createProduct.execute(cup, { ...context, idempotencyKey: 'k' }),
        createProduct.execute(cup, { ...context, idempotencyKey: 'k' }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(IdempotencyKeyInFlightError);
      expect(products.size()).toBe(1);
      expect((await idempotency.claim(scopedIdempotencyKey(undefined, 'k'), 'any', 60)).status).toBe(
        'completed',
      );
    });

    it('throws IdempotencyKeyReusedError for a concurrent request with the same key and another body', async () => {
      const { createProduct, products } = setup();
      const outcomes = await Promise.allSettled([
        createProduct.execute(cup, { ...context, idempotencyKey: 'k' }),
        createProduct.execute({ ...cup, name: 'Mug' }, { ...context, idempotencyKey: 'k' }),
      ]);
      expect(outcomes[1]).toMatchObject({
        status: 'rejected',
        reason: expect.any(IdempotencyKeyReusedError),
      });
      expect(products.size()).toBe(1);
    });

    it('keys are independent of each other', async () => {
      const { createProduct, products } = setup();
      await createProduct.execute(cup, { ...context, idempotencyKey: 'a' });
      await createProduct.execute(cup, { ...context, idempotencyKey: 'b' });
      expect(products.size()).toBe(2);
    });

    it('frees the key when the write fails, so a retry succeeds', async () => {
      const { createProduct, products } = setup();
      products.failNext('create', new StoreUnavailableError('throttled'));
      await expect(createProduct.execute(cup, { ...context, idempotencyKey: 'k' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      const retry = await createProduct.execute(cup, { ...context, idempotencyKey: 'k' });
      expect(retry.replayed).toBe(false);
      expect(products.size()).toBe(1);
    });

    it('creates again once the remembered response has expired', async () => {
      const { createProduct, products, clock } = setup();
      await createProduct.execute(cup, { ...context, idempotencyKey: 'k' });
      clock.advance(86_401 * 1000);
      const later = await createProduct.execute(cup, { ...context, idempotencyKey: 'k' });
      expect(later.replayed).toBe(false);
      expect(products.size()).toBe(2);
    });
  });
});
