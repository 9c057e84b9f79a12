import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError, VersionConflictError, type Product, type ProductId } from '@catalog/domain';
import type {
  DeleteProductOptions,
  ListProductsQuery,
  ProductPage,
  ProductRepository,
  PutProductOptions,
  WriteContext,
} from '@catalog/ports';
import { inject, injectable } from 'inversify';
import { conditionOf } from './condition-expression';
import { CursorCodec } from './cursor';
import { CorruptProductItemError, productKey, readProductItem, toProductItem } from './product-item';
import { isConditionalCheckFailed, storeCall, translateStoreError } from './store-errors';
import {
  DynamoDbDocumentClient,
  ProductsCursorKey,
  ProductsTableName,
  type CursorSigningKey,
} from './tokens';

// A delete without an expected version retries its two steps this often when writers keep slipping in.
const DELETE_ATTEMPTS = 3;

/**
 * ProductRepository on one DynamoDB table (docs/decisions/0003-dynamodb-table-design.md): conditional
 * writes on the `version` attribute, the writer's correlation id on every item, signed scan cursors.
 */
@injectable()
export class DynamoDbProductRepository implements ProductRepository {
  private readonly cursors: CursorCodec;

  constructor(
    @inject(DynamoDbDocumentClient) private readonly client: DynamoDBDocumentClient,
    @inject(ProductsTableName) private readonly tableName: string,
    @inject(ProductsCursorKey) cursorKey: CursorSigningKey,
  ) {
    this.cursors = new CursorCodec(cursorKey);
  }

  async get(id: ProductId): Promise<Product | undefined> {
    // Strongly consistent: a client that just wrote expects its own ETag back.
    const { Item } = await storeCall('GetItem', () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: productKey(id), ConsistentRead: true }),
      ),
    );
    return Item === undefined ? undefined : readProductItem(Item);
  }

  async put(product: Product, context: WriteContext, options: PutProductOptions = {}): Promise<void> {
    const condition = conditionOf([
      options.createOnly ? { expression: 'attribute_not_exists(#id)', names: ['id'] } : undefined,
      options.expectedVersion === undefined
        ? undefined
        : {
            expression: '#version = :expected',
            names: ['version'],
            values: { ':expected': options.expectedVersion },
          },
    ]);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toProductItem(product, context.correlationId),
          ...condition,
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'PutItem');
      const expected = options.createOnly ? 'absent' : (options.expectedVersion ?? 'absent');
      throw new VersionConflictError(product.id, expected, { cause: error });
    }
  }

  async delete(
    id: ProductId,
    context: WriteContext,
    options: DeleteProductOptions = {},
  ): Promise<Product | undefined> {
    const { expectedVersion } = options;
    for (let attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
      const version = await this.stampForDeletion(id, context, expectedVersion);
      if (version === undefined) return undefined;
      const removed = await this.deleteAtVersion(id, version, expectedVersion);
      if (removed !== undefined) return removed;
    }
    throw new VersionConflictError(id, 'present');
  }

  async list(query: ListProductsQuery): Promise<ProductPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1)
      throw ValidationError.of('limit', 'must be a positive integer');
    let startKey: Record<string, unknown> | undefined =
      query.cursor === undefined ? undefined : productKey(this.cursors.decode(query.cursor).id);
    const items: Product[] = [];
    // One item more than the page tells whether another page follows; keep scanning while DynamoDB stops
    // early (1 MB per call) so that no page is empty or short while items remain.
    do {
      const page = await storeCall('Scan', () =>
        this.client.send(
          new ScanCommand({
            TableName: this.tableName,
            Limit: limit + 1 - items.length,
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
          }),
        ),
      );
      items.push(...(page.Items ?? []).map(readProductItem));
      startKey = page.LastEvaluatedKey;
    } while (items.length <= limit && startKey !== undefined);
    if (items.length <= limit) return { items };
    const pageItems = items.slice(0, limit);
    return { items: pageItems, nextCursor: this.cursors.encode({ id: pageItems.at(-1)!.id }) };
  }

  /**
   * Writes the deleting request's correlation id onto the item, so that the stream's REMOVE record carries
   * it in its old image (a delete cannot set attributes). Returns the version it stamped, or undefined when
   * there is no product and no version was expected.
   */
  private async stampForDeletion(
    id: ProductId,
    context: WriteContext,
    expectedVersion: number | undefined,
  ): Promise<number | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: productKey(id),
          UpdateExpression: 'SET #correlationId = :correlationId',
          ...conditionOf(
            [
              expectedVersion === undefined
                ? { expression: 'attribute_exists(#id)', names: ['id'] }
                : {
                    expression: '#version = :expected',
                    names: ['version'],
                    values: { ':expected': expectedVersion },
                  },
            ],
            { names: ['correlationId'], values: { ':correlationId': context.correlationId } },
          ),
          ReturnValues: 'ALL_NEW',
        }),
      );
      const version: unknown = Attributes?.version;
      if (typeof version !== 'number') throw new CorruptProductItemError(id);
      return version;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'UpdateItem');
      if (expectedVersion === undefined) return undefined;
      throw new VersionConflictError(id, expectedVersion, { cause: error });
    }
  }

  /** Deletes the item if it is still at `version`; undefined when a writer slipped in (retry). */
  private async deleteAtVersion(
    id: ProductId,
    version: number,
    expectedVersion: number | undefined,
  ): Promise<Product | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: productKey(id),
          ...conditionOf([
            { expression: '#version = :version', names: ['version'], values: { ':version': version } },
          ]),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (Attributes === undefined) throw new CorruptProductItemError(id);
      return readProductItem(Attributes);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'DeleteItem');
      if (expectedVersion === undefined) return undefined;
      throw new VersionConflictError(id, expectedVersion, { cause: error });
    }
  }
}
