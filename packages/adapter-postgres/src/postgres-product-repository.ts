import {
  changedFields,
  IdempotencyKeyInFlightError,
  restoreProduct,
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
  type HeldClaim,
  type ListProductsQuery,
  type ProductPage,
  type ProductRepository,
  type ReplaceProductOptions,
  type ReplaceProductResult,
  type WriteContext,
} from '@catalog/ports';
import { inject, injectable, optional } from 'inversify';
import type { PostgresClient } from './client';
import { PostgresClientToken, PostgresIdempotencyRetention } from './tokens';

type Found = number | 'absent';
type WriteOutcome =
  | { readonly outcome: 'created' | 'unchanged'; readonly after: unknown }
  | { readonly outcome: 'replaced'; readonly before: unknown; readonly after: unknown }
  | { readonly outcome: 'deleted'; readonly before: unknown }
  | { readonly outcome: 'absent' }
  | { readonly outcome: 'claim_lost' }
  | { readonly outcome: 'conflict'; readonly found: Found };

// PostgreSQL text is UTF-8: a lone surrogate would be stored as U+FFFD, i.e. not what was given.
const LONE_SURROGATE = /\p{Cs}/u;

const detailValues = (details: ProductDetails): unknown[] => {
  const issues = (['name', 'description'] as const)
    .filter((field) => LONE_SURROGATE.test(details[field] ?? ''))
    .map((field) => ({ field, message: 'must be valid Unicode text (no lone surrogates)' }));
  if (issues.length > 0) throw new ValidationError(issues);
  return [details.name, details.description ?? null, details.price.amount, details.price.currency];
};

const LIVE_PRODUCT = 'SELECT catalog_product_json(p) AS product FROM products p';

/**
 * ProductRepository on PostgreSQL (docs/decisions/0011-postgres-client-and-connections.md): one row per
 * id, the live product or its deletion. Every write is one call of a function from the migrations, one
 * statement and so one transaction, that locks the id's row, checks the condition, writes the row and
 * appends the change to the outbox; nothing partial can stay. A create that completes an idempotency claim
 * completes it in that same call (needs the idempotency retention and the clock). Lists page by keyset on
 * the id, behind a tamper-evident cursor (ListCursors).
 */
@injectable()
export class PostgresProductRepository implements ProductRepository {
  constructor(
    @inject(PostgresClientToken) private readonly client: PostgresClient,
    // The cursor's position is the keyset bound: the page's last id; the next page starts after it.
    @inject(ListCursors) private readonly cursors: ListCursors,
    @inject(PostgresIdempotencyRetention)
    @optional()
    private readonly retention?: PostgresIdempotencyRetention,
    @inject(Clock) @optional() private readonly clock?: Clock,
  ) {}

  async get(id: ProductId): Promise<Product | undefined> {
    const rows = await this.client.read<{ product: unknown }>(
      'get product',
      `${LIVE_PRODUCT} WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0] === undefined ? undefined : restoreProduct(rows[0].product);
  }

  async create(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options: CreateProductOptions = {},
  ): Promise<Product> {
    const values = [id, ...detailValues(details), at.toISOString(), context.correlationId];
    const result =
      options.completing === undefined
        ? await this.call('create product', 'catalog_create_product($1, $2, $3, $4, $5, $6, $7)', values)
        : await this.call(
            'create product completing claim',
            'catalog_create_product($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
            [...values, ...this.claimValues(options.completing)],
          );
    if (result.outcome === 'created') return restoreProduct(result.after);
    if (result.outcome === 'claim_lost') throw new IdempotencyKeyInFlightError();
    throw this.conflict(id, 'absent', result);
  }

  async replace(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options: ReplaceProductOptions,
  ): Promise<ReplaceProductResult> {
    const { expectedVersion } = options;
    const result = await this.call(
      'replace product',
      'catalog_replace_product($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        id,
        ...detailValues(details),
        at.toISOString(),
        context.correlationId,
        expectedVersion === 'any' ? null : expectedVersion,
      ],
    );
    if (result.outcome === 'unchanged') return { product: restoreProduct(result.after), changedFields: [] };
    if (result.outcome === 'replaced') {
      const product = restoreProduct(result.after);
      return { product, changedFields: changedFields(restoreProduct(result.before), product) };
    }
    throw this.conflict(id, expectedVersion, result);
  }

  async delete(
    id: ProductId,
    at: Date,
    context: WriteContext,
    options: DeleteProductOptions = {},
  ): Promise<Product | undefined> {
    const { expectedVersion } = options;
    const result = await this.call('delete product', 'catalog_delete_product($1, $2, $3, $4)', [
      id,
      at.toISOString(),
      context.correlationId,
      expectedVersion ?? null,
    ]);
    if (result.outcome === 'deleted') return restoreProduct(result.before);
    if (result.outcome === 'absent') return undefined;
    throw this.conflict(id, expectedVersion ?? 'any', result);
  }

  async list(query: ListProductsQuery): Promise<ProductPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1)
      throw ValidationError.of('limit', 'must be a positive integer');
    const after = query.cursor === undefined ? null : this.cursors.decode(query.cursor).id;
    // One row more than the page tells whether another page follows.
    const rows = await this.client.read<{ product: unknown }>(
      'list products',
      `${LIVE_PRODUCT} WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => restoreProduct(row.product));
    if (rows.length <= limit) return { items };
    return { items, nextCursor: this.cursors.encode({ id: items.at(-1)!.id }) };
  }

  private async call(operation: string, invocation: string, values: unknown[]): Promise<WriteOutcome> {
    const rows = await this.client.write<{ result: WriteOutcome }>(
      operation,
      `SELECT ${invocation} AS result`,
      values,
    );
    const result = rows[0]?.result;
    if (result === undefined) throw new Error(`PostgreSQL returned no outcome for ${operation}`);
    return result;
  }

  // The claim's key and token, now (by the idempotency store's clock) and when the completed record expires.
  private claimValues(claim: HeldClaim): unknown[] {
    if (this.retention === undefined || this.clock === undefined) {
      throw new Error(
        'PostgresProductRepository needs PostgresIdempotencyRetention and a Clock to complete claims',
      );
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.retention.ttlSeconds * 1000);
    return [claim.key, claim.token, now.toISOString(), expiresAt.toISOString()];
  }

  private conflict(id: ProductId, expected: number | 'absent' | 'any', result: WriteOutcome): Error {
    if (result.outcome !== 'conflict') {
      return new Error(`Unexpected outcome ${JSON.stringify(result.outcome)} for product ${id}`);
    }
    return new VersionConflictError(id, expected, result.found);
  }
}
