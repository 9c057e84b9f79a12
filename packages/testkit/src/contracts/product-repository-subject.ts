import {
  parseProductDetails,
  ProductId,
  VersionConflictError,
  type ExpectedVersion,
  type FoundVersion,
  type ProductChange,
  type ProductDetails,
  type ProductDetailsInput,
} from '@catalog/domain';
import type { IdempotencyStore, ProductRepository, WriteContext } from '@catalog/ports';
import { expect } from 'vitest';

// What the ProductRepository contract's parts share: the subject under test and small builders.

/** One change as the store's change feed (stream, outbox) delivered it. */
export interface FeedEntry {
  /** The correlation id of the write that caused it, when the feed carries one. */
  readonly correlationId?: string;
  readonly change: ProductChange;
}

export interface ProductRepositoryUnderTest {
  /** A repository over an empty store. */
  readonly repository: ProductRepository;
  /** The idempotency store whose claims the repository's `create(..., { completing })` completes. */
  readonly idempotency: IdempotencyStore;
  /**
   * Every change the store's change feed holds for `id` so far, in feed order. A record the feed holds for
   * the id that is worth no change must make this throw: every write puts exactly one change on the feed.
   */
  readonly changesOf: (id: ProductId) => Promise<readonly FeedEntry[]>;
}

export type Subject = () => ProductRepositoryUnderTest;

export const context = (correlationId = 'contract-test'): WriteContext => ({ correlationId });

/** Moments in order, a minute apart, so every write of a test has its own exact time. */
export const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 12, minute));

export const newId = (): ProductId => ProductId.parse(crypto.randomUUID());

let counter = 0;
/** Valid details, a different name each call unless given. */
export const details = (overrides: Partial<ProductDetailsInput> = {}): ProductDetails => {
  counter++;
  return parseProductDetails({
    name: `Contract product ${counter}`,
    description: `Description ${counter}`,
    price: { amount: 100 + counter, currency: 'EUR' },
    ...overrides,
  });
};

/** What a write that must fail threw (fails the test if it did not throw). */
export const failureOf = async (write: Promise<unknown>): Promise<unknown> => {
  try {
    await write;
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to fail');
};

/** A VersionConflictError that names the condition and what the id held. */
export const expectConflict = (error: unknown, expected: ExpectedVersion, found: FoundVersion): void => {
  expect(error).toBeInstanceOf(VersionConflictError);
  expect(error).toMatchObject({ code: 'VERSION_CONFLICT', expected, found });
};
