import { beforeEach, describe } from 'vitest';
import { describeCreatesCompletingClaims } from './product-repository-claims.contract';
import { describeProductDeletes } from './product-repository-deletes.contract';
import { describeProductListing } from './product-repository-list.contract';
import type { ProductRepositoryUnderTest, Subject } from './product-repository-subject';
import { describeProductWrites } from './product-repository-writes.contract';

export type { FeedEntry, ProductRepositoryUnderTest } from './product-repository-subject';

/**
 * The behaviour every ProductRepository must have (ports/src/product-repository.ts): versions that grow
 * over the whole life of an id, deletions kept and never shown, one-call conditional writes with exact
 * conflict reasons, no write for an identical replace, exactly one feed change per write, full pages,
 * and creates that complete an idempotency claim in the same write.
 * `setup` is called before each test.
 */
export const describeProductRepositoryContract = (
  adapterName: string,
  setup: () => ProductRepositoryUnderTest | Promise<ProductRepositoryUnderTest>,
): void => {
  describe(`ProductRepository contract: ${adapterName}`, () => {
    let subject: ProductRepositoryUnderTest;
    beforeEach(async () => {
      subject = await setup();
    });
    const current: Subject = () => subject;
    describeProductWrites(current);
    describeProductDeletes(current);
    describeProductListing(current);
    describeCreatesCompletingClaims(current);
  });
};
