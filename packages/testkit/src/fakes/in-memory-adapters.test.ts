import {
  describeIdempotencyStoreContract,
  describeProductEventPublisherContract,
  describeProductRepositoryContract,
} from '../contracts';
import { DEFAULT_IDEMPOTENCY_RETENTION, InMemoryIdempotencyStore } from './in-memory-idempotency-store';
import { InMemoryProductRepository } from './in-memory-product-repository';
import { ManualClock } from './manual-clock';
import { RecordingProductEventPublisher } from './recording-product-event-publisher';

describeProductRepositoryContract('in-memory', () => new InMemoryProductRepository());

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
