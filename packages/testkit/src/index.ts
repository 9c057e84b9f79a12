export * from './fakes/manual-clock';
export * from './fakes/in-memory-list-cursors';
export * from './fakes/sequential-id-generator';
export * from './fakes/in-memory-product-repository';
export * from './fakes/in-memory-idempotency-store';
export * from './fakes/recording-product-event-publisher';
export * from './fakes/product-builder';
export * from './fakes/event-builder';
