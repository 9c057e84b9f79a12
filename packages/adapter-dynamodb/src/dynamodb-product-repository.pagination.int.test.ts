import type { Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSORS, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const PRODUCTS = 250;
const TOMBSTONES = 125;

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-pages' });
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSORS);

describe(DynamoDbProductRepository, () => {
  describe(`when listing ${PRODUCTS} products among ${TOMBSTONES} tombstones page by page`, () => {
    const products: Product[] = [];

    beforeAll(async () => {
      // Every third one is deleted again: its tombstone stays in the table and must never be listed.
      for (let i = 0; i < PRODUCTS + TOMBSTONES; i += 25) {
        const batch = Array.from({ length: Math.min(25, PRODUCTS + TOMBSTONES - i) }, () => aRandomProduct());
        const created = await Promise.all(
          batch.map((p) => repository().create(p.id, p, new Date(p.createdAt), { correlationId: 'seed' })),
        );
        products.push(...created);
      }
      const doomed = products.splice(0, TOMBSTONES);
      await Promise.all(doomed.map((p) => repository().delete(p.id, new Date(), { correlationId: 'seed' })));
    });

    it.each([1, 7, 100])('returns each exactly once with a limit of %i, in full pages', async (limit) => {
      const seen: Product[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository().list(cursor === undefined ? { limit } : { limit, cursor });
        sizes.push(page.items.length);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined && sizes.length <= PRODUCTS);

      const pages = Math.ceil(PRODUCTS / limit);
      expect(sizes).toHaveLength(pages);
      expect(sizes.slice(0, -1).every((size) => size === limit)).toBe(true);
      expect(sizes.at(-1)).toBe(PRODUCTS - (pages - 1) * limit);
      expect(seen).toHaveLength(PRODUCTS);
      expect(new Set(seen.map((product) => product.id)).size).toBe(PRODUCTS);
      expect(seen).toEqual(expect.arrayContaining(products));
    });
  });
});
