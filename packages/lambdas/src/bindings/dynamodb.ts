import {
  createDynamoDbDocumentClient,
  DynamoDbDocumentClient,
  DynamoDbIdempotencyStore,
  DynamoDbProductRepository,
  IdempotencyRetention,
  IdempotencyTableName,
  ProductsTableName,
} from '@catalog/adapter-dynamodb';
import { IdempotencyStore, ListCursors, ProductRepository } from '@catalog/ports';
import { ContainerModule } from 'inversify';
import { Tracer } from '../observability/tracing';
import { HmacListCursors } from './hmac-list-cursors';
import type { DynamoDbConfig, IdempotencyConfig, ProductsTableConfig } from '../config/api';

/**
 * The DynamoDB document client (creating it opens no connection; in Lambda it uses the function's role),
 * with a trace subsegment per call (needs the Tracer).
 */
export const dynamoDbClientModule = (config: DynamoDbConfig): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(DynamoDbDocumentClient)
      .toResolvedValue(
        (tracer: Tracer) => tracer.instrumentAwsClient(createDynamoDbDocumentClient(config)),
        [Tracer],
      )
      .inSingletonScope();
  });

// The HMAC context of the DynamoDB repository's cursors since they were first issued: changing it would
// invalidate every cursor clients hold.
const LIST_CURSOR_CONTEXT = 'catalog.products.list-cursor';

/** ProductRepository on the products table, its cursors signed with the config's key (needs the client module). */
export const dynamoDbProductsModule = (config: ProductsTableConfig): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(ProductsTableName).toConstantValue(config.tableName);
    bind(ListCursors)
      .toResolvedValue(() => new HmacListCursors(config.cursorSigningKey, LIST_CURSOR_CONTEXT))
      .inSingletonScope();
    bind(ProductRepository).to(DynamoDbProductRepository).inSingletonScope();
  });

/** IdempotencyStore on the idempotency table (needs the client module and a Clock). */
export const dynamoDbIdempotencyModule = (config: IdempotencyConfig): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(IdempotencyTableName).toConstantValue(config.tableName);
    bind(IdempotencyRetention).toConstantValue({ ttlSeconds: config.ttlSeconds });
    bind(IdempotencyStore).to(DynamoDbIdempotencyStore).inSingletonScope();
  });
