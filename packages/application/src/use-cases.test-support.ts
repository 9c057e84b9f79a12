import { Container } from 'inversify';
import {
  Clock,
  IdGenerator,
  IdempotencyStore,
  ProductEventPublisher,
  ProductRepository,
} from '@catalog/ports';
import {
  InMemoryIdempotencyStore,
  InMemoryProductRepository,
  ManualClock,
  RecordingProductEventPublisher,
  SequentialIdGenerator,
} from '@catalog/testkit';

/** The use cases wired to fakes through inversify, as a composition root would wire them. */
export const fakeWorld = () => {
  const clock = new ManualClock('2026-05-01T12:00:00.000Z');
  const idempotency = new InMemoryIdempotencyStore(clock);
  const products = new InMemoryProductRepository(undefined, idempotency);
  const publisher = new RecordingProductEventPublisher();
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Clock).toConstantValue(clock);
  container.bind(IdGenerator).toConstantValue(new SequentialIdGenerator());
  container.bind(ProductRepository).toConstantValue(products);
  container.bind(IdempotencyStore).toConstantValue(idempotency);
  container.bind(ProductEventPublisher).toConstantValue(publisher);
  return { container, clock, products, idempotency, publisher };
};

export const context = { correlationId: 'corr-test' };
export const cup = { name: 'Cup', description: 'White', price: { amount: 450, currency: 'EUR' } };
