import { describe, expect, it } from 'vitest';
import {
  at,
  context,
  details,
  expectConflict,
  failureOf,
  newId,
  type Subject,
} from './product-repository-subject';

/** get, create and replace. */
export const describeProductWrites = (subject: Subject): void => {
  describe('get', () => {
    it('returns undefined for an id never used', async () => {
      expect(await subject().repository.get(newId())).toBeUndefined();
    });

    it('returns what create returned, field for field, with or without a description', async () => {
      const { repository } = subject();
      const { description: _none, ...bare } = details();
      const withDescription = await repository.create(newId(), details(), at(0), context());
      const withoutDescription = await repository.create(newId(), bare, at(0), context());
      expect(withoutDescription).not.toHaveProperty('description');
      expect(await repository.get(withDescription.id)).toEqual(withDescription);
      expect(await repository.get(withoutDescription.id)).toEqual(withoutDescription);
    });
  });

  describe('create', () => {
    it('stores a new id at version 1, created and updated at the given time', async () => {
      const { repository, changesOf } = subject();
      const id = newId();
      const given = details();
      const product = await repository.create(id, given, at(1), context('corr-create'));
      expect(product).toEqual({
        id,
        ...given,
        version: 1,
        createdAt: at(1).toISOString(),
        updatedAt: at(1).toISOString(),
      });
      expect(await changesOf(id)).toEqual([
        { correlationId: 'corr-create', change: { kind: 'inserted', after: product } },
      ]);
    });

    it('refuses a live id with the version it found, and keeps the product', async () => {
      const { repository, changesOf } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      await repository.replace(product.id, details(), at(1), context(), { expectedVersion: 1 });
      const stored = await repository.get(product.id);
      expectConflict(
        await failureOf(repository.create(product.id, details(), at(2), context())),
        'absent',
        2,
      );
      expect(await repository.get(product.id)).toEqual(stored);
      expect(await changesOf(product.id)).toHaveLength(2);
    });

    it('lets exactly one of several concurrent creates of one id win', async () => {
      const { repository } = subject();
      const id = newId();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => repository.create(id, details(), at(0), context())),
      );
      const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expectConflict(outcome.reason, 'absent', 1);
      }
      expect(await repository.get(id)).toEqual(winners[0]);
    });
  });

  describe('replace', () => {
    const existing = async (correlationId = 'corr-seed') => {
      const { repository, changesOf } = subject();
      const product = await repository.create(newId(), details(), at(0), context(correlationId));
      return { repository, changesOf, product };
    };

    it('writes new details at the expected version: next version, createdAt kept, changed fields named', async () => {
      const { repository, changesOf, product } = await existing();
      const next = details({ name: product.name, price: { amount: 1, currency: 'USD' } });
      const result = await repository.replace(product.id, next, at(5), context('corr-replace'), {
        expectedVersion: 1,
      });
      const replaced = { ...product, ...next, version: 2, updatedAt: at(5).toISOString() };
      expect(result).toEqual({ product: replaced, changedFields: ['description', 'price'] });
      expect(await repository.get(product.id)).toEqual(replaced);
      expect((await changesOf(product.id)).at(-1)).toEqual({
        correlationId: 'corr-replace',
        change: { kind: 'modified', before: product, after: replaced },
      });
    });

    it('replaces whatever version is live when any is expected', async () => {
      const { repository, product } = await existing();
      await repository.replace(product.id, details(), at(1), context(), { expectedVersion: 1 });
      const { product: third } = await repository.replace(product.id, details(), at(2), context(), {
        expectedVersion: 'any',
      });
      expect(third.version).toBe(3);
    });

    it('drops the description when the new details have none', async () => {
      const { repository, product } = await existing();
      const { description: _none, ...bare } = details({ name: product.name, price: product.price });
      const result = await repository.replace(product.id, bare, at(1), context(), { expectedVersion: 1 });
      expect(result.changedFields).toEqual(['description']);
      expect(await repository.get(product.id)).not.toHaveProperty('description');
    });

    it.each([1, 'any'] as const)(
      'writes nothing for identical details (expected %s): same product, no changed field, no feed change',
      async (expectedVersion) => {
        const { repository, changesOf, product } = await existing();
        const same = { name: product.name, description: product.description!, price: product.price };
        const result = await repository.replace(product.id, same, at(9), context('corr-noop'), {
          expectedVersion,
        });
        expect(result).toEqual({ product, changedFields: [] });
        expect(await repository.get(product.id)).toEqual(product);
        expect(await changesOf(product.id)).toEqual([
          { correlationId: 'corr-seed', change: { kind: 'inserted', after: product } },
        ]);
      },
    );

    it('refuses another version with the version it found, even for identical details', async () => {
      const { repository, changesOf, product } = await existing();
      const same = { name: product.name, description: product.description!, price: product.price };
      for (const given of [details(), same]) {
        const write = repository.replace(product.id, given, at(1), context(), { expectedVersion: 7 });
        expectConflict(await failureOf(write), 7, 1);
      }
      expect(await repository.get(product.id)).toEqual(product);
      expect(await changesOf(product.id)).toHaveLength(1);
    });

    it.each([3, 'any'] as const)(
      'refuses an id without a live product (expected %s) as absent, and creates nothing',
      async (expectedVersion) => {
        const { repository, changesOf } = subject();
        const id = newId();
        const write = repository.replace(id, details(), at(1), context(), { expectedVersion });
        expectConflict(await failureOf(write), expectedVersion, 'absent');
        expect(await repository.get(id)).toBeUndefined();
        expect(await changesOf(id)).toEqual([]);
      },
    );

    it('lets exactly one of several concurrent writers at the same version win', async () => {
      const { repository, product } = await existing();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          repository.replace(product.id, details(), at(1), context(), { expectedVersion: 1 }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expectConflict(outcome.reason, 1, 2);
      }
      expect(await repository.get(product.id)).toMatchObject({ version: 2 });
    });
  });
};
