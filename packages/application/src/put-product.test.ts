import {
  PreconditionFailedError,
  ProductId,
  StoreUnavailableError,
  type ValidationError,
  VersionConflictError,
} from '@catalog/domain';
import type { Product } from '@catalog/domain';
import type { InMemoryProductRepository } from '@catalog/testkit';
import { describe, expect, it, vi } from 'vitest';
import { PutProduct } from './put-product';
import { context, cup, fakeWorld } from './use-cases.test-support';

const id = '3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60';

/** The repository calls made from now on, by name (get included: a PUT needs no read). */
const spyOnWrites = (products: InMemoryProductRepository) => {
  const spies = (['get', 'create', 'replace', 'delete'] as const).map((name) => ({
    name,
    spy: vi.spyOn(products, name),
  }));
  return () =>
    spies
      .flatMap(({ name, spy }) => spy.mock.invocationCallOrder.map((order) => ({ name, order })))
      .sort((a, b) => a.order - b.order)
      .map(({ name }) => name);
};

const setup = () => {
  const world = fakeWorld();
  world.container.bind(PutProduct).toSelf();
  return { ...world, putProduct: world.container.get(PutProduct) };
};

describe(PutProduct, () => {
  describe('when the product does not exist', () => {
    it('creates it under the given id at version 1', async () => {
      const { putProduct, products } = setup();
      const { product, created, changed } = await putProduct.execute({ id, ...cup }, {}, context);
      expect(created).toBe(true);
      expect(changed).toBe(true);
      expect(product).toMatchObject({ id, name: 'Cup', version: 1 });
      expect(await products.get(ProductId.parse(id))).toEqual(product);
    });

    it('creates it with If-None-Match: *', async () => {
      const { putProduct } = setup();
      expect((await putProduct.execute({ id, ...cup }, { ifNoneMatch: '*' }, context)).created).toBe(true);
    });

    it.each([1, '*' as const])(
      'throws PreconditionFailedError for If-Match: %s and writes nothing',
      async (ifMatch) => {
        const { putProduct, products } = setup();
        await expect(putProduct.execute({ id, ...cup }, { ifMatch }, context)).rejects.toBeInstanceOf(
          PreconditionFailedError,
        );
        expect(products.size()).toBe(0);
      },
    );

    it('normalises an upper-case id', async () => {
      const { putProduct } = setup();
      const { product } = await putProduct.execute({ id: id.toUpperCase(), ...cup }, {}, context);
      expect(product.id).toBe(id);
    });
  });

  describe('when the product exists', () => {
    const existing = async () => {
      const world = setup();
      await world.putProduct.execute({ id, ...cup }, {}, context);
      world.clock.advance(60_000);
      return world;
    };

    it('replaces the details, bumps the version and keeps createdAt', async () => {
      const { putProduct } = await existing();
      const { product, created } = await putProduct.execute(
        { id, name: 'Mug', price: cup.price },
        {},
        context,
      );
      expect(created).toBe(false);
      expect(product).toEqual({
        id,
        name: 'Mug',
        price: { amount: 450, currency: 'EUR' },
        version: 2,
        createdAt: '2026-05-01T12:00:00.000Z',
        updatedAt: '2026-05-01T12:01:00.000Z',
      });
    });

    it('writes nothing for identical details and returns the stored version', async () => {
      const { putProduct, products } = await existing();
      const writes = products.changes().length;
      const { product, changed } = await putProduct.execute({ id, ...cup }, { ifMatch: 1 }, context);
      expect(product.version).toBe(1);
      expect(changed).toBe(false);
      expect(products.changes()).toHaveLength(writes);
    });

    it('replaces with a matching If-Match', async () => {
      const { putProduct } = await existing();
      const { product, changed } = await putProduct.execute(
        { id, ...cup, name: 'Mug' },
        { ifMatch: 1 },
        context,
      );
      expect(product.version).toBe(2);
      expect(changed).toBe(true);
    });

    it.each([
      ['a stale If-Match', { ifMatch: 7 }],
      ['If-None-Match: *', { ifNoneMatch: '*' as const }],
    ])('throws PreconditionFailedError for %s and keeps the product', async (_, preconditions) => {
      const { putProduct, products } = await existing();
      await expect(putProduct.execute({ id, ...cup, name: 'Mug' }, preconditions, context)).rejects.toThrow(
        PreconditionFailedError,
      );
      expect((await products.get(ProductId.parse(id)))?.name).toBe('Cup');
    });

    it('fails the precondition when a concurrent writer wins before the write', async () => {
      const { putProduct, products } = await existing();
      products.failNext('replace', new VersionConflictError(id, 1, 2));
      await expect(
        putProduct.execute({ id, ...cup, name: 'Mug' }, { ifMatch: 1 }, context),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
    });

    it('replaces the product a concurrent writer created first, for an unconditional write', async () => {
      const { putProduct, products } = setup();
      products.failNext('create', new VersionConflictError(id, 'absent', 1));
      products.failNext('replace', new VersionConflictError(id, 'any', 'absent'));
      const { product, created } = await putProduct.execute({ id, ...cup, name: 'Mug' }, {}, context);
      expect(created).toBe(true);
      expect(product).toMatchObject({ name: 'Mug', version: 1 });
    });

    it('gives up with VersionConflictError after repeated lost races', async () => {
      const { putProduct, products } = setup();
      for (let i = 0; i < 2; i++) products.failNext('create', new VersionConflictError(id, 'absent', 1));
      const writes = spyOnWrites(products);
      await expect(putProduct.execute({ id, ...cup, name: 'Mug' }, {}, context)).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(writes()).toEqual(['replace', 'create', 'replace', 'create']);
    });
  });

  describe('after the product was deleted', () => {
    const deleted = async () => {
      const world = setup();
      await world.putProduct.execute({ id, ...cup }, {}, context);
      await world.products.delete(ProductId.parse(id), world.clock.now(), context);
      world.clock.advance(60_000);
      return world;
    };

    it.each([{}, { ifNoneMatch: '*' as const }])(
      'creates it again at the version after its deletion (%j)',
      async (preconditions) => {
        const { putProduct } = await deleted();
        const { product, created } = await putProduct.execute({ id, ...cup }, preconditions, context);
        expect(created).toBe(true);
        expect(product).toMatchObject({ version: 3, createdAt: '2026-05-01T12:01:00.000Z' });
      },
    );

    it.each([2, '*' as const])('fails If-Match: %s as for an absent product', async (ifMatch) => {
      const { putProduct, products } = await deleted();
      await expect(putProduct.execute({ id, ...cup }, { ifMatch }, context)).rejects.toThrow(
        /does not exist/,
      );
      expect(products.size()).toBe(0);
    });
  });

  describe('store calls', () => {
    it.each([
      ['If-None-Match: *', { ifNoneMatch: '*' as const }, false, ['create']],
      ['If-Match: 1', { ifMatch: 1 }, true, ['replace']],
      ['If-Match: *', { ifMatch: '*' as const }, true, ['replace']],
      ['no precondition on an existing product', {}, true, ['replace']],
      ['no precondition on a new product', {}, false, ['replace', 'create']],
    ])('%s: %j', async (_, preconditions, exists, calls) => {
      const { putProduct, products } = setup();
      if (exists) await putProduct.execute({ id, ...cup }, {}, context);
      const writes = spyOnWrites(products);
      await putProduct.execute({ id, ...cup, name: 'Mug' }, preconditions, context);
      expect(writes()).toEqual(calls);
    });

    it('refuses If-Match together with If-None-Match: * without calling the store', async () => {
      const { putProduct, products } = setup();
      const writes = spyOnWrites(products);
      await expect(
        putProduct.execute({ id, ...cup }, { ifMatch: 1, ifNoneMatch: '*' }, context),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(writes()).toEqual([]);
    });
  });

  describe('what a failed precondition says', () => {
    const failureOf = async (preconditions: object, exists: boolean) => {
      const world = setup();
      if (exists) await world.putProduct.execute({ id, ...cup }, {}, context);
      return (await world.putProduct
        .execute({ id, ...cup, name: 'Mug' }, preconditions, context)
        .catch((e: unknown) => e)) as Error;
    };

    it.each([
      [
        'If-None-Match: * on a live product',
        { ifNoneMatch: '*' },
        true,
        `Product ${id} already exists (If-None-Match: *)`,
      ],
      [
        'If-Match: 1 on no product',
        { ifMatch: 1 },
        false,
        `Product ${id} does not exist (If-Match requires an existing product)`,
      ],
      [
        'If-Match: * on no product',
        { ifMatch: '*' },
        false,
        `Product ${id} does not exist (If-Match requires an existing product)`,
      ],
      ['If-Match: 7 on version 1', { ifMatch: 7 }, true, `Product ${id} is at version 1, not 7 (If-Match)`],
    ])('%s', async (_, preconditions, exists, message) => {
      const error = await failureOf(preconditions, exists);
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error.message).toBe(message);
      expect(error.cause).toBeInstanceOf(VersionConflictError);
    });

    it('says why If-Match and If-None-Match: * cannot be combined', async () => {
      const error = await failureOf({ ifMatch: 1, ifNoneMatch: '*' }, true);
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error.message).toBe('If-Match and If-None-Match: * cannot both hold');
    });
  });

  describe('when the store fails', () => {
    it.each([
      ['If-Match: 1', { ifMatch: 1 }, 'replace'],
      ['If-None-Match: *', { ifNoneMatch: '*' as const }, 'create'],
      ['no precondition', {}, 'replace'],
    ] as const)('passes the failure through as it is for %s', async (_, preconditions, operation) => {
      const { putProduct, products } = setup();
      await putProduct.execute({ id, ...cup }, {}, context);
      const unavailable = new StoreUnavailableError('throttled');
      products.failNext(operation, unavailable);
      await expect(putProduct.execute({ id, ...cup, name: 'Mug' }, preconditions, context)).rejects.toBe(
        unavailable,
      );
      expect((await products.get(ProductId.parse(id)))?.name).toBe('Cup');
    });

    it('does not create when an unconditional replace conflicts with a live version', async () => {
      const { putProduct, products } = setup();
      const conflict = new VersionConflictError(id, 'any', 3);
      products.failNext('replace', conflict);
      const writes = spyOnWrites(products);
      await expect(putProduct.execute({ id, ...cup }, {}, context)).rejects.toBe(conflict);
      expect(writes()).toEqual(['replace']);
      expect(products.size()).toBe(0);
    });
  });

  it('rejects a bad id and bad details before touching the store', async () => {
    const { putProduct, products } = setup();
    await expect(putProduct.execute({ id: 'nope', ...cup }, {}, context)).rejects.toThrow(
      /id: must be a UUID/,
    );
    const error = (await putProduct
      .execute({ id, name: '', price: { amount: 1.5, currency: 'EUR' } }, {}, context)
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['name', 'price.amount']);
    expect(products.changes()).toEqual([]);
  });

  it('records the correlation id of the write with the product', async () => {
    const { putProduct, products } = setup();
    const { product }: { product: Product } = await putProduct.execute(
      { id, ...cup },
      {},
      { correlationId: 'abc' },
    );
    expect(products.correlationIdOf(product.id)).toBe('abc');
  });
});
