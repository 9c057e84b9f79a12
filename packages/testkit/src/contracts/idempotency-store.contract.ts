import type { IdempotencyClaim, IdempotencyStore } from '@catalog/ports';
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
const LOCK_SECONDS = 30;

const tokenOf = (claim: IdempotencyClaim): string => {
  if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
  return claim.token;
};

/** The behaviour every IdempotencyStore must have; `setup` is called before each test. */
export const describeIdempotencyStoreContract = (
  adapterName: string,
  setup: () => IdempotencyStoreUnderTest | Promise<IdempotencyStoreUnderTest>,
): void => {
  describe(`IdempotencyStore contract: ${adapterName}`, () => {
    let subject: IdempotencyStoreUnderTest;
    const claim = (key: string, fingerprint = 'fp', lockSeconds = LOCK_SECONDS) =>
      subject.store.claim(key, fingerprint, lockSeconds);
    beforeEach(async () => {
      subject = await setup();
    });

    it('claims a new key with a token', async () => {
      expect(await claim(freshKey())).toEqual({ status: 'claimed', token: expect.any(String) });
    });

    it('reports a claimed but unfinished key as in progress, with its fingerprint', async () => {
      const key = freshKey();
      await claim(key, 'fp-1');
      expect(await claim(key, 'fp-2')).toEqual({ status: 'in_progress', fingerprint: 'fp-1' });
    });

    it('returns the stored result once the claim is completed', async () => {
      const key = freshKey();
      const result = { id: 'x', nested: { amount: 12, currency: 'EUR' }, list: ['a'] };
      const token = tokenOf(await claim(key));
      expect(await subject.store.complete(key, token, result)).toBe('settled');
      expect(await claim(key, 'other')).toEqual({ status: 'completed', fingerprint: 'fp', result });
    });

    it('frees a released key for a new claim', async () => {
      const key = freshKey();
      expect(await subject.store.release(key, tokenOf(await claim(key)))).toBe('settled');
      expect((await claim(key)).status).toBe('claimed');
    });

    it('acts on no claim but the one whose token it is given', async () => {
      const key = freshKey();
      tokenOf(await claim(key, 'fp-1'));
      expect(await subject.store.complete(key, 'not-the-token', { forged: true })).toBe('lost');
      expect(await subject.store.release(key, 'not-the-token')).toBe('lost');
      expect(await claim(key, 'fp-2')).toEqual({ status: 'in_progress', fingerprint: 'fp-1' });
    });

    it('does not forget a completed key when released, nor complete it twice', async () => {
      const key = freshKey();
      const token = tokenOf(await claim(key));
      await subject.store.complete(key, token, { ok: true });
      expect(await subject.store.release(key, token)).toBe('lost');
      expect(await subject.store.complete(key, token, { ok: false })).toBe('lost');
      expect(await claim(key)).toEqual({ status: 'completed', fingerprint: 'fp', result: { ok: true } });
    });

    it('gives exactly one of several concurrent claims the key', async () => {
      const key = freshKey();
      const claims = await Promise.all(Array.from({ length: 8 }, () => claim(key)));
      expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.status === 'in_progress')).toHaveLength(7);
    });

    it('keeps keys apart', async () => {
      const [a, b] = [freshKey(), freshKey()];
      await claim(a);
      expect((await claim(b)).status).toBe('claimed');
    });

    it('keeps caller-scoped keys apart, stored verbatim with their quotes, colons and any characters', async () => {
      const key = freshKey();
      // The shape CreateProduct scopes keys in: CreateProduct:JSON([principal, key]).
      const scoped = ['cognito:alice', 'cognito:bob', 'lambda:ålice "x"', null].map(
        (principal) => `CreateProduct:${JSON.stringify([principal, key])}`,
      );
      const tokens = [];
      for (const [i, scopedKey] of scoped.entries()) {
        const token = tokenOf(await claim(scopedKey, `fp-${i}`));
        tokens.push(token);
        await subject.store.complete(scopedKey, token, { caller: i });
      }
      for (const [i, scopedKey] of scoped.entries()) {
        expect(await claim(scopedKey)).toEqual({
          status: 'completed',
          fingerprint: `fp-${i}`,
          result: { caller: i },
        });
      }
      expect(new Set(tokens).size).toBe(scoped.length);
    });

    it('locks an unfinished claim for the time it asked for, then lets the key be claimed again', async () => {
      const key = freshKey();
      await claim(key, 'fp', 12);
      subject.clock.advance(11_000);
      expect((await claim(key)).status).toBe('in_progress');
      subject.clock.advance(2_000);
      expect((await claim(key)).status).toBe('claimed');
    });

    it('reports the first claim as lost once its lock expired and the key was claimed again', async () => {
      const key = freshKey();
      const first = tokenOf(await claim(key, 'fp', 5));
      subject.clock.advance(6_000);
      const second = tokenOf(await claim(key, 'fp-second'));
      expect(second).not.toBe(first);
      expect(await subject.store.complete(key, first, { from: 'first' })).toBe('lost');
      expect(await subject.store.release(key, first)).toBe('lost');
      expect(await subject.store.complete(key, second, { from: 'second' })).toBe('settled');
      expect(await claim(key)).toEqual({
        status: 'completed',
        fingerprint: 'fp-second',
        result: { from: 'second' },
      });
    });

    it('still completes a claim whose lock expired when nobody claimed the key since', async () => {
      const key = freshKey();
      const token = tokenOf(await claim(key, 'fp', 5));
      subject.clock.advance(6_000);
      expect(await subject.store.complete(key, token, { late: true })).toBe('settled');
      expect((await claim(key)).status).toBe('completed');
    });

    it('forgets a completed key after the retention period', async () => {
      const key = freshKey();
      await subject.store.complete(key, tokenOf(await claim(key)), { ok: true });
      subject.clock.advance((subject.retention.ttlSeconds - 1) * 1000);
      expect((await claim(key)).status).toBe('completed');
      subject.clock.advance(2000);
      expect((await claim(key)).status).toBe('claimed');
    });
  });
};
