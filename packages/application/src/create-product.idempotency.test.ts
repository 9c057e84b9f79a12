import {
  IdempotencyKeyInFlightError,
  isDomainError,
  StoreUnavailableError,
  ValidationError,
} from '@catalog/domain';
import type { IdempotencyClaim } from '@catalog/ports';
import { describe, expect, it, vi } from 'vitest';
import {
  CorruptIdempotencyRecordError,
  CreateProduct,
  idempotencyLockSeconds,
  scopedIdempotencyKey,
} from './create-product';
import { context, cup, fakeWorld } from './use-cases.test-support';

const setup = () => {
  const world = fakeWorld();
  world.container.bind(CreateProduct).toSelf();
  return { ...world, createProduct: world.container.get(CreateProduct) };
};

const keyed = (principal?: string, extra: { remainingTimeMs?: number } = {}) => ({
  ...context,
  idempotencyKey: 'k-1',
  ...(principal === undefined ? {} : { principal }),
  ...extra,
});

describe(CreateProduct, () => {
  describe('idempotency keys are scoped to the caller', () => {
    it('never replays one caller’s response to another caller with the same key', async () => {
      const { createProduct, products } = setup();
      const alice = await createProduct.execute(cup, keyed('cognito:alice'));
      const bob = await createProduct.execute({ ...cup, name: 'Mug' }, keyed('cognito:bob'));
      expect(bob).toMatchObject({ replayed: false, product: { name: 'Mug' } });
      expect(bob.product.id).not.toBe(alice.product.id);
      expect(await createProduct.execute(cup, keyed('cognito:alice'))).toMatchObject({
        replayed: true,
        product: alice.product,
      });
      expect(products.size()).toBe(2);
    });

    it('keeps anonymous callers in one scope of their own', async () => {
      const { createProduct } = setup();
      const anonymous = await createProduct.execute(cup, keyed());
      expect((await createProduct.execute(cup, keyed())).product).toEqual(anonymous.product);
      expect((await createProduct.execute(cup, keyed('anonymous'))).replayed).toBe(false);
    });

    it('encodes principal and key so that no pair spells another', () => {
      expect(scopedIdempotencyKey('a', 'b:c')).not.toBe(scopedIdempotencyKey('a:b', 'c'));
      expect(scopedIdempotencyKey('a","b', 'c')).not.toBe(scopedIdempotencyKey('a', 'b","c'));
      expect(scopedIdempotencyKey(undefined, 'k')).not.toBe(scopedIdempotencyKey('null', 'k'));
      expect(scopedIdempotencyKey('p', 'k')).toBe('CreateProduct:["p","k"]');
    });

    it('keeps a scope of up to 1,024 bytes readable and hashes a longer one', () => {
      // ["p","…"] is 8 bytes around the key.
      expect(scopedIdempotencyKey('p', 'k'.repeat(1_016))).toBe(`CreateProduct:["p","${'k'.repeat(1_016)}"]`);
      expect(scopedIdempotencyKey('p', 'k'.repeat(1_017))).toMatch(/^CreateProduct:sha256:[\w-]{43}$/);
      // Bytes, not characters: 2 bytes each in UTF-8.
      expect(scopedIdempotencyKey('p', 'é'.repeat(509))).toMatch(/^CreateProduct:sha256:/);
      expect(scopedIdempotencyKey('p', 'é'.repeat(508))).toBe(`CreateProduct:["p","${'é'.repeat(508)}"]`);
    });

    it('hashes a scope too long for a store key, still telling principals apart', () => {
      const [a, b] = ['a', 'b'].map((tail) => scopedIdempotencyKey(`${'x'.repeat(2_000)}${tail}`, 'k'));
      expect(a).toMatch(/^CreateProduct:sha256:[\w-]{43}$/);
      expect(a).not.toBe(b);
    });
  });

  describe('the claim’s lock', () => {
    it.each([
      [10_000, 11],
      [0, 1],
      [58_900, 60],
      [59_500, 60],
      [120_000, 60],
      [undefined, 60],
      [Number.NaN, 60],
      [Number.POSITIVE_INFINITY, 60],
      [-5_000, 1],
    ])('lasts the remaining time %s ms plus a second, at most a minute: %i s', (remaining, seconds) => {
      expect(idempotencyLockSeconds(remaining)).toBe(seconds);
    });

    it('is asked of the store from the invocation’s remaining time', async () => {
      const { createProduct, idempotency } = setup();
      const claim = vi.spyOn(idempotency, 'claim');
      await createProduct.execute(cup, keyed('p', { remainingTimeMs: 7_200 }));
      expect(claim).toHaveBeenCalledWith(scopedIdempotencyKey('p', 'k-1'), expect.any(String), 9);
    });
  });

  describe('when the write fails and so does freeing the key', () => {
    it('reports the write’s error, not the release’s', async () => {
      const { createProduct, products, idempotency } = setup();
      const original = new StoreUnavailableError('throttled', 2);
      products.failNext('create', original);
      idempotency.failNext('release', new Error('release failed too'));
      await expect(createProduct.execute(cup, keyed('p'))).rejects.toBe(original);
      expect(products.size()).toBe(0);
    });
  });

  describe('when the stored result is corrupt', () => {
    it('fails as a server fault, not as the client’s validation error', async () => {
      const { createProduct, idempotency } = setup();
      await createProduct.execute(cup, keyed('p'));
      const real = idempotency.claim.bind(idempotency);
      vi.spyOn(idempotency, 'claim').mockImplementation(async (...args): Promise<IdempotencyClaim> => {
        const claim = await real(...args);
        return claim.status === 'completed'
          ? { ...claim, result: { ...claim.result, version: 'one' } }
          : claim;
      });
      const error = await createProduct.execute(cup, keyed('p')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptIdempotencyRecordError);
      expect(isDomainError(error)).toBe(false);
      expect(error).toMatchObject({
        name: 'CorruptIdempotencyRecordError',
        message: `The result stored for idempotency key ${JSON.stringify(scopedIdempotencyKey('p', 'k-1'))} is not a valid product`,
      });
      expect((error as Error).cause).toBeInstanceOf(ValidationError);
    });
  });

  describe('when the claim is taken over before the product is created', () => {
    it('creates nothing and answers that the key is in flight; the retry that took over created one', async () => {
      const { createProduct, products, clock, idempotency } = setup();
      const release = vi.spyOn(idempotency, 'release');
      const create = products.create.bind(products);
      let overtaken = false;
      let retry: Awaited<ReturnType<typeof createProduct.execute>> | undefined;
      vi.spyOn(products, 'create').mockImplementation(async (...args) => {
        if (!overtaken) {
          overtaken = true;
          // The request outlives its lock; a retry claims the key meanwhile and finishes first.
          clock.advance(5_000);
          retry = await createProduct.execute(cup, keyed('p', { remainingTimeMs: 1_000 }));
        }
        return create(...args);
      });
      const error = await createProduct
        .execute(cup, keyed('p', { remainingTimeMs: 1_000 }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyKeyInFlightError);
      expect(products.size()).toBe(1);
      // The claim is the retry's now: not ours to release.
      expect(release).not.toHaveBeenCalled();
      expect(retry?.replayed).toBe(false);
      const replay = await createProduct.execute(cup, keyed('p'));
      expect(replay).toEqual({ product: retry?.product, replayed: true });
    });
  });

  describe('the create itself', () => {
    it('completes the claim it holds in the same write, and none without a key', async () => {
      const { createProduct, products, idempotency } = setup();
      const claim = vi.spyOn(idempotency, 'claim');
      const create = vi.spyOn(products, 'create');
      await createProduct.execute(cup, context);
      expect(create.mock.calls[0]?.[4]).toStrictEqual({});
      await createProduct.execute(cup, keyed('p'));
      const claimed = (await claim.mock.results[0]?.value) as IdempotencyClaim;
      expect(claimed.status).toBe('claimed');
      expect(create.mock.calls[1]?.[4]).toStrictEqual({
        completing: { key: scopedIdempotencyKey('p', 'k-1'), token: (claimed as { token: string }).token },
      });
    });
  });

  describe('when the create fails after the claim', () => {
    it('releases the claim, so a retry with the key creates the product', async () => {
      const { createProduct, products } = setup();
      products.failNext('create', new Error('boom'));
      await expect(createProduct.execute(cup, keyed('q'))).rejects.toThrow('boom');
      expect(products.size()).toBe(0);
      expect(await createProduct.execute(cup, keyed('q'))).toMatchObject({ replayed: false });
      expect(products.size()).toBe(1);
    });
  });
});
