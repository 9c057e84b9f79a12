import {
  InvalidCursorError,
  VersionConflictError,
  type Product,
  type ProductChange,
  type ProductId,
} from '@catalog/domain';
import type {
  DeleteProductOptions,
  ListProductsQuery,
  ProductPage,
  ProductRepository,
  PutProductOptions,
  WriteContext,
} from '@catalog/ports';

/** A change as the fake's feed reports it, like one stream record. */
export interface InMemoryChange {
  readonly sequence: number;
  readonly correlationId: string;
  readonly at: Date;
  readonly change: ProductChange;
}

type Operation = 'get' | 'put' | 'delete' | 'list';

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

/**
 * A ProductRepository with the real semantics (conditional writes, ordered pages, opaque cursors) kept in
 * a Map; it also keeps a change feed like a table stream, and can be told to fail an operation.
 */
export class InMemoryProductRepository implements ProductRepository {
  private readonly items = new Map<string, { product: Product; correlationId: string }>();
  private feed: InMemoryChange[] = [];
  private sequence = 0;
  private readonly listeners = new Set<(change: InMemoryChange) => void>();
  private readonly failures: { operation: Operation; error: Error }[] = [];

  get(id: ProductId): Promise<Product | undefined> {
    return this.run('get', () => this.items.get(id)?.product);
  }

  put(product: Product, context: WriteContext, options: PutProductOptions = {}): Promise<void> {
    return this.run('put', () => {
      const before = this.items.get(product.id)?.product;
      if (options.createOnly && before !== undefined) throw new VersionConflictError(product.id, 'absent');
      if (options.expectedVersion !== undefined && before?.version !== options.expectedVersion) {
        throw new VersionConflictError(product.id, options.expectedVersion);
      }
      this.items.set(product.id, { product, correlationId: context.correlationId });
      this.record(
        context,
        before === undefined
          ? { kind: 'inserted', after: product }
          : { kind: 'modified', before, after: product },
      );
    });
  }

  delete(
    id: ProductId,
    context: WriteContext,
    options: DeleteProductOptions = {},
  ): Promise<Product | undefined> {
    return this.run('delete', () => {
      const before = this.items.get(id)?.product;
      if (options.expectedVersion !== undefined && before?.version !== options.expectedVersion) {
        throw new VersionConflictError(id, options.expectedVersion);
      }
      if (before === undefined) return undefined;
      this.items.delete(id);
      this.record(context, { kind: 'removed', before });
      return before;
    });
  }

  list(query: ListProductsQuery): Promise<ProductPage> {
    return this.run('list', () => {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const ids = [...this.items.keys()].sort().filter((id) => after === undefined || id > after);
      const page = ids.slice(0, query.limit);
      const items = page.map((id) => this.items.get(id)!.product);
      const last = page.at(-1);
      return ids.length > page.length && last !== undefined
        ? { items, nextCursor: encodeCursor(last) }
        : { items };
    });
  }

  /** Makes the next call of `operation` throw `error` (e.g. a StoreUnavailableError) without side effects. */
  failNext(operation: Operation, error: Error): void {
    this.failures.push({ operation, error });
  }

  /**
   * @param feedRetention how many recent changes `changes()` keeps, like a stream's retention window: a
   *   long-running fake (the local stack, a benchmark) must not grow without bound.
   */
  constructor(private readonly feedRetention = 10_000) {}

  /** The retained changes, in order, like a table stream read from its trim horizon. */
  changes(): readonly InMemoryChange[] {
    return this.feed.slice(-this.feedRetention);
  }

  /** Calls `listener` for every later change; returns the unsubscribe function. */
  subscribe(listener: (change: InMemoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The correlation id stored with the product's last write. */
  correlationIdOf(id: ProductId): string | undefined {
    return this.items.get(id)?.correlationId;
  }

  size(): number {
    return this.items.size;
  }

  private record(context: WriteContext, change: ProductChange): void {
    const entry = {
      sequence: ++this.sequence,
      correlationId: context.correlationId,
      at: new Date(),
      change,
    };
    this.feed.push(entry);
    // Trimmed in bulk so that recording stays O(1) on average.
    if (this.feed.length >= 2 * this.feedRetention) this.feed = this.feed.slice(-this.feedRetention);
    for (const listener of this.listeners) listener(entry);
  }

  private async run<T>(operation: Operation, body: () => T): Promise<T> {
    // Resolve on a later tick, as a real store would, so callers cannot rely on synchronous completion.
    await Promise.resolve();
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error;
    return body();
  }
}
