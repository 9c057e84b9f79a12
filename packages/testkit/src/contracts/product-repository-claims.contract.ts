import { IdempotencyKeyInFlightError, VersionConflictError } from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { at, context, details, failureOf, newId, type Subject } from './product-repository-subject';

const LOCK_SECONDS = 30;

/** `create(..., { completing })`: the creation and the completion of an idempotency claim are one write. */
export const describeCreatesCompletingClaims = (subject: Subject): void => {
  describe('create completing an idempotency claim', () => {
    const claimed = async (key: string): Promise<string> => {
      const claim = await subject().idempotency.claim(key, 'fingerprint', LOCK_SECONDS);
      if (claim.status !== 'claimed') throw new Error(`expected to claim ${key}`);
      return claim.token;
    };

    it('creates the product and completes the claim with it as the result', async () => {
      const { repository, idempotency, changesOf } = subject();
      const key = `claims:${crypto.randomUUID()}`;
      const token = await claimed(key);
      const id = newId();
      const product = await repository.create(id, details(), at(0), context('c-1'), {
        completing: { key, token },
      });
      expect(product.version).toBe(1);
      expect(await repository.get(id)).toEqual(product);
      expect(await idempotency.claim(key, 'fingerprint', LOCK_SECONDS)).toEqual({
        status: 'completed',
        fingerprint: 'fingerprint',
        result: JSON.parse(JSON.stringify(product)) as Record<string, unknown>,
      });
      expect(await changesOf(id)).toHaveLength(1);
      expect(await idempotency.complete(key, token, { again: true })).toBe('lost');
    });

    it('creates nothing when the claim is not held, and leaves the claim as it was', async () => {
      const { repository, idempotency, changesOf } = subject();
      const key = `claims:${crypto.randomUUID()}`;
      const token = await claimed(key);
      const id = newId();
      const error = await failureOf(
        repository.create(id, details(), at(0), context(), { completing: { key, token: `${token}-not` } }),
      );
      expect(error).toBeInstanceOf(IdempotencyKeyInFlightError);
      expect(await repository.get(id)).toBeUndefined();
      expect(await changesOf(id)).toEqual([]);
      expect(await idempotency.claim(key, 'fingerprint', LOCK_SECONDS)).toEqual({
        status: 'in_progress',
        fingerprint: 'fingerprint',
      });
      expect(await idempotency.release(key, token)).toBe('settled');
    });

    it('continues after a deletion, and refuses a live product without completing the claim', async () => {
      const { repository, idempotency } = subject();
      const id = newId();
      await repository.create(id, details(), at(0), context());
      const key = `claims:${crypto.randomUUID()}`;
      const token = await claimed(key);
      const conflict = await failureOf(
        repository.create(id, details(), at(1), context(), { completing: { key, token } }),
      );
      expect(conflict).toBeInstanceOf(VersionConflictError);
      expect(conflict).toMatchObject({ expected: 'absent', found: 1 });
      expect(await idempotency.claim(key, 'fingerprint', LOCK_SECONDS)).toMatchObject({
        status: 'in_progress',
      });
      await repository.delete(id, at(2), context());
      const recreated = await repository.create(id, details(), at(3), context(), {
        completing: { key, token },
      });
      expect(recreated.version).toBe(3);
      expect(await idempotency.claim(key, 'fingerprint', LOCK_SECONDS)).toMatchObject({
        status: 'completed',
        result: { id, version: 3 },
      });
    });
  });
};
