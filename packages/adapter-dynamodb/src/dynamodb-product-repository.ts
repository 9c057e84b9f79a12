import { GetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  createProduct,
  replaceProduct,
  ValidationError,
  VersionConflictError,
  type Product,
  type ProductDetails,
  type ProductId,
} from '@catalog/domain';
import {
  Clock,
  ListCursors,
  type CreateProductOptions,
  type DeleteProductOptions,
  type ListProductsQuery,
  type ProductPage,
  type ProductRepository,
  type ReplaceProductOptions,
  type ReplaceProductResult,
  type WriteContext,
} from '@catalog/ports';
import { inject, injectable, optional } from 'inversify';
import { createCompletingClaim, type IdempotencyTable } from './create-completing-claim';
import { ATTRIBUTE, productKey, readLiveItem, readTombstoneItem } from './product-item';
import { createWrite, deleteWrite, replaceWrite } from './product-writes';
import { isConditionalCheckFailed, storeCall, translateStoreError } from './store-errors';
import {
  DynamoDbDocumentClient,
  IdempotencyRetention,
  IdempotencyTableName,
  ProductsTableName,
} from './tokens';

type Item = Record<string, unknown>;

// A scan that meets tombstones (filtered out after DynamoDB counted them against Limit) asks for more items
// on each further call, so a long run of tombstones costs a few calls rather than one per page size.
const SCAN_LIMIT_MAX = 1_000;

/**
 * ProductRepository on one DynamoDB table (docs/decisions/0008-product-versions-across-deletes.md): one
 * item per id, a live product or its tombstone; every write is one conditional UpdateItem, every read one
 * GetItem; the writer's correlation id on every item; tamper-evident scan cursors (ListCursors). A create that completes an
 * idempotency claim is one TransactWriteItems call with the claim's record (needs the idempotency table).
 */
@injectable()
export class DynamoDbProductRepository implements ProductRepository {
  private readonly idempotency: IdempotencyTable | undefined;

  constructor(
    @inject(DynamoDbDocumentClient) private readonly client: DynamoDBDocumentClient,
    @inject(ProductsTableName) private readonly tableName: string,
    // The cursor's position is the scan's ExclusiveStartKey: the id of the page's last item.
    @inject(ListCursors) private readonly cursors: ListCursors,
    @inject(IdempotencyTableName) @optional() idempotencyTable?: string,
    @inject(IdempotencyRetention) @optional() retention?: IdempotencyRetention,
    @inject(Clock) @optional() clock?: Clock,
  ) {
    this.idempotency =
      idempotencyTable === undefined || retention === undefined || clock === undefined
        ? undefined
        : { tableName: idempotencyTable, ttlSeconds: retention.ttlSeconds, clock };
  }

  async get(id: ProductId): Promise<Product | undefined> {
    // Strongly consistent: a client that just wrote expects its own ETag back.
    const { Item } = await storeCall('GetItem', () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: productKey(id), ConsistentRead: true }),
      ),
    );
    return readLiveItem(Item);
  }

  async create(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options: CreateProductOptions = {},
  ): Promise<Product> {
    if (options.completing !== undefined) {
      const tables = { products: this.tableName, idempotency: this.idempotency };
      return createCompletingClaim(this.client, tables, id, details, at, context, options.completing);
    }
    const outcome = await this.write(createWrite(id, details, at, context));
    if (outcome.failed) {
      throw new VersionConflictError(id, 'absent', readLiveItem(outcome.old)?.version ?? 'absent', {
        cause: outcome.cause,
      });
    }
    return createProduct(id, details, at, readTombstoneItem(outcome.old));
  }

  async replace(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    { expectedVersion }: ReplaceProductOptions,
  ): Promise<ReplaceProductResult> {
    const outcome = await this.write(replaceWrite(id, details, at, context, expectedVersion));
    const current = readLiveItem(outcome.old);
    if (current === undefined) {
      throw new VersionConflictError(id, expectedVersion, 'absent', { cause: outcome.cause });
    }
    if (outcome.failed && expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new VersionConflictError(id, expectedVersion, current.version, { cause: outcome.cause });
    }
    // Written: the details differed. Refused at the expected version: they were identical (no write).
    const result = replaceProduct(current, details, at);
    if (outcome.failed !== (result.changedFields.length === 0)) {
      throw new Error(`The stored details of product ${id} and the replace condition disagree`);
    }
    return result;
  }

  async delete(
    id: ProductId,
    at: Date,
    context: WriteContext,
    { expectedVersion }: DeleteProductOptions = {},
  ): Promise<Product | undefined> {
    const outcome = await this.write(deleteWrite(id, at, context, expectedVersion));
    const current = readLiveItem(outcome.old);
    if (!outcome.failed) return current;
    if (expectedVersion === undefined && current === undefined) return undefined;
    throw new VersionConflictError(id, expectedVersion ?? 'any', current?.version ?? 'absent', {
      cause: outcome.cause,
    });
  }

  async list(query: ListProductsQuery): Promise<ProductPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1)
      throw ValidationError.of('limit', 'must be a positive integer');
    let startKey: Item | undefined =
      query.cursor === undefined ? undefined : productKey(this.cursors.decode(query.cursor).id);
    const items: Product[] = [];
    let scanLimit = limit + 1;
    // One item more than the page tells whether another page follows; keep scanning while DynamoDB stops
    // early (1 MB per call, or Limit reached on tombstones that the filter then drops) so that no page is
    // empty or short while live items remain.
    do {
      const page = await storeCall('Scan', () =>
        this.client.send(
          new ScanCommand({
            TableName: this.tableName,
            Limit: scanLimit,
            FilterExpression: 'attribute_not_exists(#deletedAt)',
            ExpressionAttributeNames: { '#deletedAt': ATTRIBUTE.deletedAt },
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const product = readLiveItem(item);
        if (product !== undefined) items.push(product);
      }
      startKey = page.LastEvaluatedKey;
      scanLimit = Math.min(SCAN_LIMIT_MAX, Math.max(limit + 1 - items.length, scanLimit * 2));
    } while (items.length <= limit && startKey !== undefined);
    if (items.length <= limit) return { items };
    const pageItems = items.slice(0, limit);
    return { items: pageItems, nextCursor: this.cursors.encode({ id: pageItems.at(-1)!.id }) };
  }

  /** Sends one conditional write; `old` is the item as it was, whether the condition held or not. */
  private async write(
    input: ReturnType<typeof createWrite>,
  ): Promise<{ failed: boolean; old: Item | undefined; cause?: unknown }> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({ TableName: this.tableName, ...input }),
      );
      return { failed: false, old: Attributes };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'UpdateItem');
      const old =
        error.Item === undefined ? undefined : unmarshall(error.Item as Record<string, AttributeValue>);
      return { failed: true, old, cause: error };
    }
  }
}
