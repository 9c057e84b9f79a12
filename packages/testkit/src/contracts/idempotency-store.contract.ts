import type { IdempotencyStore } from '@catalog/ports';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyRetention } from '../fakes/in-memory-idempotency-store';
import type { ManualClock } from '../fakes/manual-clock';

export interface IdempotencyStoreUnderTest {
  readonly store: IdempotencyStore;
  /** The clock the store reads; tests move it to expire records. */
  readonly clock: ManualClock;
  readonly retention: IdempotencyRetention;
}

let counter = 0;
const freshKey = (): string => `contract-key-${Date.now()}-${++counter}`;

/** The behaviour every IdempotencyStore must have; `setup` is called before each test. */
export const describeIdempotencyStoreContract = (
  adapterName: string,
  setup: () => IdempotencyStoreUnderTest | Promise<IdempotencyStoreUnderTest>,
): void => {
  describe(`IdempotencyStore contract: ${adapterName}`, () => {
    let subject: IdempotencyStoreUnderTest;
    beforeEach(async () => {
      subject = await setup();
    });

    it('claims a new key', async () => {
      expect(await subject.store.claim(freshKey(), 'fp')).toEqual({ status: 'claimed' });
    });

    it('reports a claimed but unfinished key as in progress, with its fingerprint', async () => {
      const key = freshKey();
      await subject.store.claim(key, 'fp-1');
      expect(await subject.store.claim(key, 'fp-2')).toEqual({ status: 'in_progress', fingerprint: 'fp-1' });
    });

    it('returns the stored result once the key is completed', async () => {
      const key = freshKey();
      const result = { id: 'x', nested: { amount: 12, currency: 'EUR' }, list: ['a'] };
      await subject.store.claim(key, 'fp');
      await subject.store.complete(key, 'fp', result);
      expect(await subject.store.claim(key, 'fp')).toEqual({
        status: 'completed',
        fingerprint: 'fp',
        result,
      });
    });

    it('frees a released key for a new claim', async () => {
      const key = freshKey();
      await subject.store.claim(key, 'fp');
      await subject.store.release(key);
      expect(await subject.store.claim(key, 'fp')).toEqual({ status: 'claimed' });
    });

    it('does not forget a completed key when released', async () => {
      const key = freshKey();
      await subject.store.claim(key, 'fp');
      await subject.store.complete(key, 'fp', { ok: true });
      await subject.store.release(key);
      expect((await subject.store.claim(key, 'fp')).status).toBe('completed');
    });

    it('gives exactly one of several concurrent claims the key', async () => {
      const key = freshKey();
      const claims = await Promise.all(Array.from({ length: 8 }, () => subject.store.claim(key, 'fp')));
      expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
      expect(claims.filter((claim) => claim.status === 'in_progress')).toHaveLength(7);
    });

    it('keeps keys apart', async () => {
      const [a, b] = [freshKey(), freshKey()];
      await subject.store.claim(a, 'fp');
      expect(await subject.store.claim(b, 'fp')).toEqual({ status: 'claimed' });
    });

    it('lets an abandoned in-progress claim expire after the in-progress period', async () => {
      const key = freshKey();
      await subject.store.claim(key, 'fp');
      subject.clock.advance((subject.retention.inProgressTtlSeconds - 1) * 1000);
      expect((await subject.store.claim(key, 'fp')).status).toBe('in_progress');
      subject.clock.advance(2000);
      expect(await subject.store.claim(key, 'fp')).toEqual({ status: 'claimed' });
    });

    it('forgets a completed key after the retention period', async () => {
      const key = freshKey();
      await subject.store.claim(key, 'fp');
      await subject.store.complete(key, 'fp', { ok: true });
      subject.clock.advance((subject.retention.ttlSeconds - 1) * 1000);
      expect((await subject.store.claim(key, 'fp')).status).toBe('completed');
      subject.clock.advance(2000);
      expect(await subject.store.claim(key, 'fp')).toEqual({ status: 'claimed' });
    });
  });
};
