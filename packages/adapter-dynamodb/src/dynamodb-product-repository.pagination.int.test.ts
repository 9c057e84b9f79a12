import type { Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSOR_KEY, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const PRODUCTS = 250;

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-pages' });
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSOR_KEY);

describe(DynamoDbProductRepository, () => {
  describe(`when listing ${PRODUCTS} products page by page`, () => {
    const products = Array.from({ length: PRODUCTS }, () => aRandomProduct());

    beforeAll(async () => {
      for (let i = 0; i < products.length; i += 25) {
        await Promise.all(
          products.slice(i, i + 25).map((product) => repository().put(product, { correlationId: 'seed' })),
        );
      }
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
