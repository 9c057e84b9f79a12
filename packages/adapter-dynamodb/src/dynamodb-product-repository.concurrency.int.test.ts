import { VersionConflictError, type Description, type Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSOR_KEY, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const WRITERS = 50;

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-concurrency' });
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSOR_KEY);

describe(DynamoDbProductRepository, () => {
  describe(`when ${WRITERS} writers hold the same expected version`, () => {
    it('lets exactly one win and refuses the others with VersionConflictError', async () => {
      const product = aRandomProduct();
      await repository().put(product, { correlationId: 'seed' });

      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, writer) =>
          repository().put(
            { ...product, name: `Writer ${writer}`, version: 2 } as Product,
            { correlationId: `writer-${writer}` },
            { expectedVersion: 1 },
          ),
        ),
      );

      const winners = outcomes.flatMap((outcome, writer) => (outcome.status === 'fulfilled' ? [writer] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(VersionConflictError);
      }
      expect(await repository().get(product.id)).toMatchObject({ name: `Writer ${winners[0]!}`, version: 2 });
    });
  });

  describe(`when ${WRITERS} writers each re-read and retry until their change lands`, () => {
    it('gives every version exactly one winner and loses no update', async () => {
      const product = aRandomProduct({ description: '' as Description });
      await repository().put(product, { correlationId: 'seed' });
      const winnerOfVersion = new Map<number, number[]>();

      const write = async (writer: number): Promise<number> => {
        for (let attempt = 1; attempt <= WRITERS * 4; attempt++) {
          const current = (await repository().get(product.id))!;
          const next = {
            ...current,
            description: `${current.description ?? ''}[${writer}]`,
            price: { ...current.price, amount: current.price.amount + 1 },
            version: current.version + 1,
          } as Product;
          try {
            await repository().put(
              next,
              { correlationId: `writer-${writer}` },
              { expectedVersion: current.version },
            );
            winnerOfVersion.set(next.version, [...(winnerOfVersion.get(next.version) ?? []), writer]);
            return attempt;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }
        throw new Error(`Writer ${writer} never got its change in`);
      };
      const attempts = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer)));

      const stored = (await repository().get(product.id))!;
      expect(stored.version).toBe(1 + WRITERS);
      expect(stored.price.amount).toBe(product.price.amount + WRITERS);
      const tags = stored.description!.match(/\[\d+\]/g)!;
      expect(new Set(tags).size).toBe(WRITERS);
      expect([...winnerOfVersion.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: WRITERS }, (_, i) => i + 2),
      );
      for (const winners of winnerOfVersion.values()) expect(winners).toHaveLength(1);
      expect(attempts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(WRITERS);
    });
  });
});
