import { InvalidCursorError, VersionConflictError, type Product } from '@catalog/domain';
import type { ProductRepository } from '@catalog/ports';
import { beforeEach, describe, expect, it } from 'vitest';
import { aRandomProduct } from '../fakes/product-builder';

const context = { correlationId: 'contract-test' };

const bumped = (product: Product, name: string): Product =>
  ({ ...product, name, version: product.version + 1 }) as Product;

/**
 * The behaviour every ProductRepository must have. `setup` returns a repository over an empty store;
 * it is called before each test.
 */
export const describeProductRepositoryContract = (
  adapterName: string,
  setup: () => ProductRepository | Promise<ProductRepository>,
): void => {
  describe(`ProductRepository contract: ${adapterName}`, () => {
    let repository: ProductRepository;
    beforeEach(async () => {
      repository = await setup();
    });

    describe('get', () => {
      it('returns undefined for an unknown id', async () => {
        expect(await repository.get(aRandomProduct().id)).toBeUndefined();
      });

      it('returns what was put, field for field', async () => {
        const withDescription = aRandomProduct();
        const { description: _unused, ...withoutDescription } = aRandomProduct();
        await repository.put(withDescription, context);
        await repository.put(withoutDescription, context);
        expect(await repository.get(withDescription.id)).toEqual(withDescription);
        expect(await repository.get(withoutDescription.id)).toEqual(withoutDescription);
      });
    });

    describe('put', () => {
      it('replaces an existing product when no condition is given', async () => {
        const product = aRandomProduct();
        await repository.put(product, context);
        await repository.put(bumped(product, 'Renamed'), context);
        expect((await repository.get(product.id))?.name).toBe('Renamed');
      });

      describe('when create-only', () => {
        it('creates an absent product', async () => {
          const product = aRandomProduct();
          await repository.put(product, context, { createOnly: true });
          expect(await repository.get(product.id)).toEqual(product);
        });

        it('throws VersionConflictError and keeps the stored product when it exists', async () => {
          const product = aRandomProduct();
          await repository.put(product, context);
          await expect(
            repository.put(bumped(product, 'Other'), context, { createOnly: true }),
          ).rejects.toBeInstanceOf(VersionConflictError);
          expect(await repository.get(product.id)).toEqual(product);
        });
      });

      describe('when an expected version is given', () => {
        it('writes when the stored version matches', async () => {
          const product = aRandomProduct();
          await repository.put(product, context);
          await repository.put(bumped(product, 'Next'), context, { expectedVersion: product.version });
          expect(await repository.get(product.id)).toMatchObject({ name: 'Next', version: 2 });
        });

        it('throws VersionConflictError and keeps the stored product when the version differs', async () => {
          const product = aRandomProduct();
          await repository.put(product, context);
          await expect(
            repository.put(bumped(product, 'Next'), context, { expectedVersion: 7 }),
          ).rejects.toBeInstanceOf(VersionConflictError);
          expect(await repository.get(product.id)).toEqual(product);
        });

        it('throws VersionConflictError when the product does not exist', async () => {
          const product = aRandomProduct();
          await expect(repository.put(product, context, { expectedVersion: 1 })).rejects.toBeInstanceOf(
            VersionConflictError,
          );
          expect(await repository.get(product.id)).toBeUndefined();
        });

        it('lets exactly one of several concurrent writers win', async () => {
          const product = aRandomProduct();
          await repository.put(product, context);
          const outcomes = await Promise.allSettled(
            Array.from({ length: 8 }, (_, i) =>
              repository.put(bumped(product, `Writer ${i}`), context, { expectedVersion: 1 }),
            ),
          );
          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          expect(winners).toHaveLength(1);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(VersionConflictError);
          }
          expect(await repository.get(product.id)).toMatchObject({ version: 2 });
        });
      });
    });

    describe('delete', () => {
      it('removes the product and returns it', async () => {
        const product = aRandomProduct();
        await repository.put(product, context);
        expect(await repository.delete(product.id, context)).toEqual(product);
        expect(await repository.get(product.id)).toBeUndefined();
      });

      it('returns undefined when there is nothing to delete', async () => {
        expect(await repository.delete(aRandomProduct().id, context)).toBeUndefined();
      });

      it('deletes when the expected version matches', async () => {
        const product = aRandomProduct();
        await repository.put(product, context);
        expect(await repository.delete(product.id, context, { expectedVersion: 1 })).toEqual(product);
        expect(await repository.get(product.id)).toBeUndefined();
      });

      it('throws VersionConflictError and keeps the product when the expected version differs', async () => {
        const product = aRandomProduct();
        await repository.put(product, context);
        await expect(repository.delete(product.id, context, { expectedVersion: 2 })).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect(await repository.get(product.id)).toEqual(product);
      });

      it('throws VersionConflictError when a version is expected of an absent product', async () => {
        await expect(
          repository.delete(aRandomProduct().id, context, { expectedVersion: 1 }),
        ).rejects.toBeInstanceOf(VersionConflictError);
      });
    });

    describe('list', () => {
      it('returns an empty page without a cursor for an empty store', async () => {
        expect(await repository.list({ limit: 10 })).toEqual({ items: [] });
      });

      it('returns every product exactly once across pages, with no empty page and no cursor on the last', async () => {
        const products = Array.from({ length: 23 }, () => aRandomProduct());
        for (const product of products) await repository.put(product, context);
        const seen: Product[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await repository.list(cursor === undefined ? { limit: 5 } : { limit: 5, cursor });
          pages++;
          expect(page.items.length).toBeGreaterThan(0);
          expect(page.items.length).toBeLessThanOrEqual(5);
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined && pages < 20);
        expect(pages).toBe(5);
        expect(seen.map((p) => p.id).sort()).toEqual(products.map((p) => p.id).sort());
        expect(seen).toEqual(expect.arrayContaining(products));
      });

      it('returns everything on one page when the limit allows', async () => {
        const products = [aRandomProduct(), aRandomProduct()];
        for (const product of products) await repository.put(product, context);
        const page = await repository.list({ limit: 100 });
        expect(page.nextCursor).toBeUndefined();
        expect(page.items).toHaveLength(2);
      });

      it('throws InvalidCursorError for a cursor it did not issue', async () => {
        for (const cursor of ['garbage', 'eyJhZnRlciI6IngifQ', '', '....', '%%%']) {
          await expect(repository.list({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
        }
      });

      it('throws InvalidCursorError for a cursor that was tampered with', async () => {
        for (let i = 0; i < 3; i++) await repository.put(aRandomProduct(), context);
        const { nextCursor } = await repository.list({ limit: 1 });
        expect(nextCursor).toBeDefined();
        const cursor = nextCursor!;
        const middle = Math.floor(cursor.length / 2);
        const flipped = cursor[middle] === 'A' ? 'B' : 'A';
        const tampered = cursor.slice(0, middle) + flipped + cursor.slice(middle + 1);
        await expect(repository.list({ limit: 1, cursor: tampered })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });
    });
  });
};
