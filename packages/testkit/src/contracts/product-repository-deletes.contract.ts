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

/** delete, and versions over the whole life of an id (deletes and re-creations included). */
export const describeProductDeletes = (subject: Subject): void => {
  const deleted = async () => {
    const { repository, changesOf } = subject();
    const product = await repository.create(newId(), details(), at(0), context());
    await repository.replace(product.id, details(), at(1), context(), { expectedVersion: 1 });
    await repository.delete(product.id, at(2), context('corr-delete'));
    return { repository, changesOf, id: product.id };
  };

  describe('delete', () => {
    it('returns the product as it was and leaves a deletion at the next version, with its time', async () => {
      const { repository, changesOf } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      expect(await repository.delete(product.id, at(3), context('corr-delete'))).toEqual(product);
      expect(await repository.get(product.id)).toBeUndefined();
      expect((await changesOf(product.id)).at(-1)).toEqual({
        correlationId: 'corr-delete',
        change: {
          kind: 'removed',
          before: product,
          deletion: { id: product.id, version: 2, deletedAt: at(3).toISOString() },
        },
      });
    });

    it('deletes at a matching expected version', async () => {
      const { repository } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      const options = { expectedVersion: 1 };
      expect(await repository.delete(product.id, at(1), context(), options)).toEqual(product);
      expect(await repository.get(product.id)).toBeUndefined();
    });

    it('refuses another expected version with the version it found, and keeps the product', async () => {
      const { repository, changesOf } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      const write = repository.delete(product.id, at(1), context(), { expectedVersion: 2 });
      expectConflict(await failureOf(write), 2, 1);
      expect(await repository.get(product.id)).toEqual(product);
      expect(await changesOf(product.id)).toHaveLength(1);
    });

    it('returns undefined and writes nothing for an id never used', async () => {
      const { repository, changesOf } = subject();
      const id = newId();
      expect(await repository.delete(id, at(0), context())).toBeUndefined();
      expect(await changesOf(id)).toEqual([]);
    });

    it('treats a deleted id as absent: undefined, nothing written, the deletion kept', async () => {
      const { repository, changesOf, id } = await deleted();
      const before = await changesOf(id);
      expect(await repository.delete(id, at(5), context('corr-again'))).toBeUndefined();
      expect(await changesOf(id)).toEqual(before);
      expect((await repository.create(id, details(), at(6), context())).version).toBe(4);
    });

    it('refuses an expected version on an id without a live product as absent', async () => {
      const { repository, id } = await deleted();
      for (const target of [id, newId()]) {
        const write = repository.delete(target, at(5), context(), { expectedVersion: 2 });
        expectConflict(await failureOf(write), 2, 'absent');
      }
    });

    it('lets exactly one of several concurrent deletes remove the product', async () => {
      const { repository, changesOf } = subject();
      const product = await repository.create(newId(), details(), at(0), context());
      const removed = await Promise.all(
        Array.from({ length: 8 }, () => repository.delete(product.id, at(1), context())),
      );
      expect(removed.filter((result) => result !== undefined)).toEqual([product]);
      expect(await changesOf(product.id)).toHaveLength(2);
    });
  });

  describe('versions over the life of an id', () => {
    it('grow strictly through create, replace, delete, re-create and replace, in the feed too', async () => {
      const { repository, changesOf } = subject();
      const id = newId();
      const first = await repository.create(id, details(), at(0), context('c1'));
      const { product: second } = await repository.replace(id, details(), at(1), context('c2'), {
        expectedVersion: 1,
      });
      await repository.delete(id, at(2), context('c3'));
      const again = await repository.create(id, details(), at(3), context('c4'));
      const { product: last } = await repository.replace(id, details(), at(4), context('c5'), {
        expectedVersion: 'any',
      });

      expect([first.version, second.version, again.version, last.version]).toEqual([1, 2, 4, 5]);
      expect(again.createdAt).toBe(at(3).toISOString());
      expect(await repository.get(id)).toEqual(last);
      expect(await changesOf(id)).toEqual([
        { correlationId: 'c1', change: { kind: 'inserted', after: first } },
        { correlationId: 'c2', change: { kind: 'modified', before: first, after: second } },
        {
          correlationId: 'c3',
          change: {
            kind: 'removed',
            before: second,
            deletion: { id, version: 3, deletedAt: at(2).toISOString() },
          },
        },
        { correlationId: 'c4', change: { kind: 'inserted', after: again } },
        { correlationId: 'c5', change: { kind: 'modified', before: again, after: last } },
      ]);
    });

    it('keep growing over repeated deletes and re-creations', async () => {
      const { repository } = subject();
      const id = newId();
      const versions: number[] = [];
      for (let round = 0; round < 3; round++) {
        versions.push((await repository.create(id, details(), at(2 * round), context())).version);
        await repository.delete(id, at(2 * round + 1), context());
      }
      expect(versions).toEqual([1, 3, 5]);
    });

    it('treat a replace of a deleted id as absent and leave it deleted', async () => {
      const { repository, changesOf, id } = await deleted();
      for (const expectedVersion of [2, 3, 'any'] as const) {
        const write = repository.replace(id, details(), at(5), context(), { expectedVersion });
        expectConflict(await failureOf(write), expectedVersion, 'absent');
      }
      expect(await repository.get(id)).toBeUndefined();
      expect(await changesOf(id)).toHaveLength(3);
    });
  });
};
