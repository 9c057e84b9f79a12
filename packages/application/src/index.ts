export * from './request-context';
export * from './create-product';
export * from './put-product';
export * from './get-product';
export * from './list-products';
export * from './delete-product';
export * from './publish-product-changes';
export { eventIdFor } from './event-id';
