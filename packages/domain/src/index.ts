export * from './errors';
export * from './product-id';
export * from './product-name';
export * from './description';
export * from './money';
export { ISO_4217_CODES } from './currency';
export * from './product';
export * from './product-deletion';
export * from './product-events';
