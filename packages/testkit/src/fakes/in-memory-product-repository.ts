import {
  createProduct,
  deleteProduct,
  IdempotencyKeyInFlightError,
  InvalidCursorError,
  isProductDeletion,
  replaceProduct,
  VersionConflictError,
  type Product,
  type ProductChange,
  type ProductDetails,
  type ProductId,
  type ProductState,
} from '@catalog/domain';
import type {
  ClaimSettlement,
  CreateProductOptions,
  DeleteProductOptions,
  IdempotentResult,
  ListProductsQuery,
  ProductPage,
  ProductRepository,
  ReplaceProductOptions,
  ReplaceProductResult,
  WriteContext,
} from '@catalog/ports';

/** A change as the fake's feed reports it, like one stream record. */
export interface InMemoryChange {
  readonly sequence: number;
  readonly correlationId: string;
  readonly at: Date;
  readonly change: ProductChange;
}

/** The idempotency store whose claims a create may complete (InMemoryIdempotencyStore). */
export interface ClaimCompleter {
  completeNow(key: string, token: string, result: IdempotentResult): ClaimSettlement;
}

export type InMemoryOperation = 'get' | 'create' | 'replace' | 'delete' | 'list';

// FNV-1a: enough to tell a cursor we issued from an edited one in a fake (the DynamoDB adapter signs).
const checksum = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
};

const encodeCursor = (afterId: string): string => {
  const payload = Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
  return `${payload}.${checksum(payload)}`;
};

const decodeCursor = (cursor: string): string => {
  const [payload, sum, ...rest] = cursor.split('.');
  if (payload === undefined || sum === undefined || rest.length > 0 || checksum(payload) !== sum) {
    throw new InvalidCursorError();
  }
  try {
    const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const after = (decoded as { after?: unknown }).after;
    if (typeof after === 'string') return after;
  } catch (error) {
    throw new InvalidCursorError({ cause: error });
  }
  throw new InvalidCursorError();
};

const live = (state: ProductState | undefined): Product | undefined =>
  state === undefined || isProductDeletion(state) ? undefined : state;

/**
 * A ProductRepository with the real semantics (deletions kept per id, conditional writes, ordered pages,
 * opaque cursors) kept in a Map, built on the domain's own version rules; it also keeps a change feed like
 * a table stream, and can be told to fail an operation.
 */
export class InMemoryProductRepository implements ProductRepository {
  private readonly states = new Map<string, { state: ProductState; correlationId: string }>();
  private feed: InMemoryChange[] = [];
  private sequence = 0;
  private readonly listeners = new Set<(change: InMemoryChange) => void>();
  private readonly failures: { operation: InMemoryOperation; error: Error }[] = [];

  /**
   * @param feedRetention how many recent changes `changes()` keeps, like a stream's retention window: a
   *   long-running fake (the local stack, a benchmark) must not grow without bound.
   * @param idempotency the store whose claims `create(..., { completing })` completes.
   */
  constructor(
    private readonly feedRetention = 10_000,
    private readonly idempotency?: ClaimCompleter,
  ) {}

  get(id: ProductId): Promise<Product | undefined> {
    return this.run('get', () => this.liveProduct(id));
  }

  create(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options: CreateProductOptions = {},
  ): Promise<Product> {
    return this.run('create', () => {
      const state = this.states.get(id)?.state;
      if (state !== undefined && !isProductDeletion(state)) {
        throw new VersionConflictError(id, 'absent', state.version);
      }
      const product = createProduct(id, details, at, state);
      const claim = options.completing;
      if (claim !== undefined) {
        if (this.idempotency === undefined) {
          throw new Error(
            'This InMemoryProductRepository was built without the idempotency store to complete',
          );
        }
        // Synchronous from here on: the completion and the write happen together or not at all.
        const result = JSON.parse(JSON.stringify(product)) as IdempotentResult;
        if (this.idempotency.completeNow(claim.key, claim.token, result) === 'lost') {
          throw new IdempotencyKeyInFlightError();
        }
      }
      this.write(product, context, { kind: 'inserted', after: product });
      return product;
    });
  }

  replace(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    { expectedVersion }: ReplaceProductOptions,
  ): Promise<ReplaceProductResult> {
    return this.run('replace', () => {
      const current = this.expectLive(id, expectedVersion);
      const result = replaceProduct(current, details, at);
      if (result.changedFields.length > 0) {
        this.write(result.product, context, { kind: 'modified', before: current, after: result.product });
      }
      return result;
    });
  }

  delete(
    id: ProductId,
    at: Date,
    context: WriteContext,
    { expectedVersion }: DeleteProductOptions = {},
  ): Promise<Product | undefined> {
    return this.run('delete', () => {
      if (expectedVersion === undefined && this.liveProduct(id) === undefined) return undefined;
      const current = this.expectLive(id, expectedVersion ?? 'any');
      const deletion = deleteProduct(current, at);
      this.write(deletion, context, { kind: 'removed', before: current, deletion });
      return current;
    });
  }

  list(query: ListProductsQuery): Promise<ProductPage> {
    return this.run('list', () => {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const ids = [...this.states.keys()]
        .filter((id) => this.liveProduct(id) !== undefined && (after === undefined || id > after))
        .sort();
      const page = ids.slice(0, query.limit);
      const items = page.map((id) => this.liveProduct(id)!);
      const last = page.at(-1);
      return ids.length > page.length && last !== undefined
        ? { items, nextCursor: encodeCursor(last) }
        : { items };
    });
  }

  /** Stores `product` as it is (any version), as if it had been created so; for arranging tests. */
  seed(product: Product, correlationId = 'seed'): Product {
    this.write(product, { correlationId }, { kind: 'inserted', after: product });
    return product;
  }

  /** Makes the next call of `operation` throw `error` (e.g. a StoreUnavailableError) without side effects. */
  failNext(operation: InMemoryOperation, error: Error): void {
    this.failures.push({ operation, error });
  }

  /** The retained changes, in order, like a table stream read from its trim horizon. */
  changes(): readonly InMemoryChange[] {
    return this.feed.slice(-this.feedRetention);
  }

  /** Calls `listener` for every later change; returns the unsubscribe function. */
  subscribe(listener: (change: InMemoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The correlation id stored with the id's last write (a deletion's included). */
  correlationIdOf(id: ProductId): string | undefined {
    return this.states.get(id)?.correlationId;
  }

  /** How many live products the store holds. */
  size(): number {
    return [...this.states.keys()].filter((id) => this.liveProduct(id) !== undefined).length;
  }

  private liveProduct(id: string): Product | undefined {
    return live(this.states.get(id)?.state);
  }

  private expectLive(id: ProductId, expected: number | 'any'): Product {
    const current = this.liveProduct(id);
    if (current === undefined) throw new VersionConflictError(id, expected, 'absent');
    if (expected !== 'any' && current.version !== expected) {
      throw new VersionConflictError(id, expected, current.version);
    }
    return current;
  }

  private write(state: ProductState, context: WriteContext, change: ProductChange): void {
    this.states.set(state.id, { state, correlationId: context.correlationId });
    const entry = { sequence: ++this.sequence, correlationId: context.correlationId, at: new Date(), change };
    this.feed.push(entry);
    // Trimmed in bulk so that recording stays O(1) on average.
    if (this.feed.length >= 2 * this.feedRetention) this.feed = this.feed.slice(-this.feedRetention);
    for (const listener of this.listeners) listener(entry);
  }

  private async run<T>(operation: InMemoryOperation, body: () => T): Promise<T> {
    // Resolve on a later tick, as a real store would, so callers cannot rely on synchronous completion.
    await Promise.resolve();
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error;
    return body();
  }
}
