export * from './product-repository';
export * from './product-event-publisher';
export * from './clock';
export * from './id-generator';
export * from './idempotency-store';
export * from './list-cursors';
