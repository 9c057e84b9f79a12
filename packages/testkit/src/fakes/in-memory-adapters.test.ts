import type { ProductChange } from '@catalog/domain';
import {
  describeIdempotencyStoreContract,
  describeProductEventPublisherContract,
  describeProductRepositoryContract,
} from '../contracts';
import { DEFAULT_IDEMPOTENCY_RETENTION, InMemoryIdempotencyStore } from './in-memory-idempotency-store';
import { InMemoryProductRepository } from './in-memory-product-repository';
import { ManualClock } from './manual-clock';
import { RecordingProductEventPublisher } from './recording-product-event-publisher';

const productIdOf = (change: ProductChange): string =>
  change.kind === 'removed' ? change.before.id : change.after.id;

describeProductRepositoryContract('in-memory', () => {
  const idempotency = new InMemoryIdempotencyStore(new ManualClock());
  const repository = new InMemoryProductRepository(undefined, idempotency);
  return {
    repository,
    idempotency,
    changesOf: (id) =>
      Promise.resolve(
        repository
          .changes()
          .filter((entry) => productIdOf(entry.change) === id)
          .map(({ correlationId, change }) => ({ correlationId, change })),
      ),
  };
});

describeIdempotencyStoreContract('in-memory', () => {
  const clock = new ManualClock();
  return {
    store: new InMemoryIdempotencyStore(clock),
    clock,
    retention: DEFAULT_IDEMPOTENCY_RETENTION,
  };
});

describeProductEventPublisherContract('in-memory recording', () => {
  const publisher = new RecordingProductEventPublisher();
  return {
    publisher,
    delivered: () => Promise.resolve(publisher.delivered),
    reject: (eventIds, errorCode) => {
      publisher.rejectWhen((event) => (eventIds.has(event.metadata.eventId) ? errorCode : undefined));
    },
  };
});
