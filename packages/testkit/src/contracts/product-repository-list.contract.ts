import { InvalidCursorError, type Product } from '@catalog/domain';
import type { ProductRepository } from '@catalog/ports';
import { describe, expect, it } from 'vitest';
import { at, context, details, newId, type Subject } from './product-repository-subject';

const MAX_PAGES = 50;

/** Every page in order, checking that no page is empty, too long, or followed by nothing. */
const allPages = async (repository: ProductRepository, limit: number): Promise<Product[][]> => {
  const pages: Product[][] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.list(cursor === undefined ? { limit } : { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor !== undefined) expect(page.items).toHaveLength(limit);
    pages.push([...page.items]);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < MAX_PAGES);
  return pages;
};

const ids = (products: readonly Product[]): string[] => products.map((product) => product.id).sort();

const createMany = async (repository: ProductRepository, count: number): Promise<Product[]> => {
  const products: Product[] = [];
  for (let i = 0; i < count; i++)
    products.push(await repository.create(newId(), details(), at(0), context()));
  return products;
};

export const describeProductListing = (subject: Subject): void => {
  describe('list', () => {
    it('returns an empty page without a cursor for an empty store', async () => {
      expect(await subject().repository.list({ limit: 10 })).toEqual({ items: [] });
    });

    it('returns every product exactly once across full pages, with no cursor on the last', async () => {
      const { repository } = subject();
      const products = await createMany(repository, 23);
      const pages = await allPages(repository, 5);
      expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.flat()).toEqual(expect.arrayContaining(products));
      expect(ids(pages.flat())).toEqual(ids(products));
    });

    it('never lists a deleted product, and still fills every page', async () => {
      const { repository } = subject();
      const products = await createMany(repository, 24);
      const survivors = products.filter((_, i) => i % 3 === 0);
      for (const product of products.filter((_, i) => i % 3 !== 0)) {
        await repository.delete(product.id, at(1), context());
      }
      for (const limit of [1, 3, 100]) {
        const pages = await allPages(repository, limit);
        expect(pages.every((page) => page.length > 0)).toBe(true);
        expect(pages).toHaveLength(Math.ceil(survivors.length / limit));
        expect(ids(pages.flat())).toEqual(ids(survivors));
      }
    });

    it('returns an empty page without a cursor when every product is deleted', async () => {
      const { repository } = subject();
      for (const product of await createMany(repository, 4)) {
        await repository.delete(product.id, at(1), context());
      }
      expect(await repository.list({ limit: 2 })).toEqual({ items: [] });
    });

    it('lists a re-created product once, as it is now', async () => {
      const { repository } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      await repository.delete(product.id, at(1), context());
      const again = await repository.create(product.id, details(), at(2), context());
      expect(await repository.list({ limit: 10 })).toEqual({ items: [again] });
    });

    it('throws InvalidCursorError for a cursor it did not issue', async () => {
      const { repository } = subject();
      for (const cursor of ['garbage', 'eyJhZnRlciI6IngifQ', '', '....', '%%%']) {
        await expect(repository.list({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });

    it('throws InvalidCursorError for a cursor that was tampered with', async () => {
      const { repository } = subject();
      await createMany(repository, 3);
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
};
