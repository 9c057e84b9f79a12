import { parseProductDetails, ProductId, VersionConflictError } from '@catalog/domain';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSORS, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const WRITERS = 50;

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-concurrency' });
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSORS);

const newId = () => ProductId.parse(crypto.randomUUID());
const at = new Date('2026-05-01T12:00:00.000Z');
const detailsOf = (name: string, description = '', amount = 100) =>
  parseProductDetails({ name, description, price: { amount, currency: 'EUR' } });

describe(DynamoDbProductRepository, () => {
  describe(`when ${WRITERS} writers hold the same expected version`, () => {
    it('lets exactly one win and refuses the others with VersionConflictError', async () => {
      const id = newId();
      await repository().create(id, detailsOf('Seed'), at, { correlationId: 'seed' });

      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, writer) =>
          repository().replace(
            id,
            detailsOf(`Writer ${writer}`),
            at,
            { correlationId: `writer-${writer}` },
            {
              expectedVersion: 1,
            },
          ),
        ),
      );

      const winners = outcomes.flatMap((outcome, writer) => (outcome.status === 'fulfilled' ? [writer] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(VersionConflictError);
          expect(outcome.reason).toMatchObject({ expected: 1, found: 2 });
        }
      }
      expect(await repository().get(id)).toMatchObject({ name: `Writer ${winners[0]!}`, version: 2 });
    });
  });

  describe(`when ${WRITERS} writers each re-read and retry until their change lands`, () => {
    it('gives every version exactly one winner and loses no update', async () => {
      const id = newId();
      await repository().create(id, detailsOf('Shared', '', 100), at, { correlationId: 'seed' });
      const winnerOfVersion = new Map<number, number[]>();

      const write = async (writer: number): Promise<number> => {
        for (let attempt = 1; attempt <= WRITERS * 4; attempt++) {
          const current = (await repository().get(id))!;
          const next = detailsOf(
            current.name,
            `${current.description ?? ''}[${writer}]`,
            current.price.amount + 1,
          );
          try {
            const { product } = await repository().replace(
              id,
              next,
              at,
              { correlationId: `writer-${writer}` },
              {
                expectedVersion: current.version,
              },
            );
            winnerOfVersion.set(product.version, [...(winnerOfVersion.get(product.version) ?? []), writer]);
            return attempt;
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }
        throw new Error(`Writer ${writer} never got its change in`);
      };
      const attempts = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer)));

      const stored = (await repository().get(id))!;
      expect(stored.version).toBe(1 + WRITERS);
      expect(stored.price.amount).toBe(100 + WRITERS);
      const tags = stored.description!.match(/\[\d+\]/g)!;
      expect(new Set(tags).size).toBe(WRITERS);
      expect([...winnerOfVersion.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: WRITERS }, (_, i) => i + 2),
      );
      for (const winners of winnerOfVersion.values()) expect(winners).toHaveLength(1);
      expect(attempts.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(WRITERS);
    });
  });

  describe(`when ${WRITERS} writers create, delete and re-create one id at once`, () => {
    it('never hands out a version twice and never goes back', async () => {
      const id = newId();
      const seen: number[] = [];
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          try {
            seen.push(
              (await repository().create(id, detailsOf(`W${writer}`), at, { correlationId: 'c' })).version,
            );
            await repository().delete(id, at, { correlationId: 'c' });
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
          }
        }),
      );
      expect(new Set(seen).size).toBe(seen.length);
      const final = await repository()
        .create(id, detailsOf('Last'), at, { correlationId: 'c' })
        .catch(() => undefined);
      expect(final === undefined || final.version > Math.max(...seen)).toBe(true);
    });
  });
});
