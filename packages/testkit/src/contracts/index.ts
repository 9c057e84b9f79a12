export * from './product-repository.contract';
export * from './idempotency-store.contract';
export * from './product-event-publisher.contract';
