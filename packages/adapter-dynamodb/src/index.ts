export {
  DynamoDbDocumentClient,
  ProductsTableName,
  IdempotencyTableName,
  IdempotencyRetention,
} from './tokens';
export {
  createDynamoDbDocumentClient,
  DYNAMODB_MAX_ATTEMPTS,
  DYNAMODB_CONNECTION_TIMEOUT_MS,
  DYNAMODB_REQUEST_TIMEOUT_MS,
  type DynamoDbClientOptions,
} from './client';
export {
  productsTableDefinition,
  idempotencyTableDefinition,
  idempotencyTimeToLive,
} from './table-definitions';
export { DynamoDbProductRepository } from './dynamodb-product-repository';
export { DynamoDbIdempotencyStore } from './dynamodb-idempotency-store';
export { productStreamImage, productStreamImages, type ProductStreamImages } from './product-stream-image';
export {
  parseProductStreamRecord,
  StreamRecordError,
  type ProductStreamChange,
} from './product-stream-record';
