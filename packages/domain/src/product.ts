import { Description } from './description';
import { ValidationError, type FieldIssue } from './errors';
import { Money } from './money';
import { ProductId } from './product-id';
import { ProductName } from './product-name';
import { isRecord, isUtcTimestamp, isVersion } from './guards';

/** What a client chooses; everything else on a Product is assigned by the service. */
export interface ProductDetails {
  readonly name: ProductName;
  readonly description?: Description;
  readonly price: Money;
}

export interface Product extends ProductDetails {
  readonly id: ProductId;
  /**
   * Grows by one with every change, deletions included, over the whole life of the id: 1 for a new id, one
   * after the deletion's version for a re-created one. It is the ETag and orders the product's events.
   */
  readonly version: number;
  /** ISO 8601 UTC timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ProductField = 'name' | 'description' | 'price';

export const PRODUCT_FIELDS: readonly ProductField[] = ['name', 'description', 'price'];

/** Runs each parser and gathers every issue, so a client learns about all bad fields at once. */
const collect = <T>(issues: FieldIssue[], parse: () => T): T | undefined => {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) {
      issues.push(...error.issues);
      return undefined;
    }
    throw error;
  }
};

export interface ProductDetailsInput {
  readonly name: unknown;
  readonly description?: unknown;
  readonly price: unknown;
}

export const parseProductDetails = (input: ProductDetailsInput): ProductDetails => {
  const issues: FieldIssue[] = [];
  const name = collect(issues, () => ProductName.parse(input.name));
  const description =
    input.description === undefined ? undefined : collect(issues, () => Description.parse(input.description));
  const price = collect(issues, () => Money.parse(input.price));
  if (issues.length > 0 || name === undefined || price === undefined) throw new ValidationError(issues);
  return description === undefined ? { name, price } : { name, description, price };
};

/** The version of a product created under an id that has never held one. */
export const FIRST_VERSION = 1;

/**
 * A new product under `id`. After a deletion (`previous`, a ProductDeletion) it continues the id's versions,
 * so that a re-created product never looks older than its own deletion; otherwise it starts at FIRST_VERSION.
 */
export const createProduct = (
  id: ProductId,
  details: ProductDetails,
  at: Date,
  previous?: { readonly version: number },
): Product => {
  const timestamp = at.toISOString();
  const version = previous === undefined ? FIRST_VERSION : previous.version + 1;
  return { id, ...details, version, createdAt: timestamp, updatedAt: timestamp };
};

export const changedFields = (before: ProductDetails, after: ProductDetails): ProductField[] =>
  PRODUCT_FIELDS.filter((field) =>
    field === 'price' ? !Money.equals(before.price, after.price) : before[field] !== after[field],
  );

/**
 * Replaces the client-chosen details. An identical replacement is not a change: the product comes back
 * as it was (same version), so nothing needs to be written and no event is due.
 */
export const replaceProduct = (
  current: Product,
  details: ProductDetails,
  at: Date,
): { product: Product; changedFields: ProductField[] } => {
  const changed = changedFields(current, details);
  if (changed.length === 0) return { product: current, changedFields: [] };
  const { id, createdAt, version } = current;
  return {
    product: { id, ...details, version: version + 1, createdAt, updatedAt: at.toISOString() },
    changedFields: changed,
  };
};

/**
 * Rebuilds a Product from stored or transported data, checking every invariant; adapters use it so a
 * corrupt record surfaces as a ValidationError instead of travelling on.
 */
export const restoreProduct = (raw: unknown): Product => {
  if (!isRecord(raw)) throw ValidationError.of('product', 'must be an object');
  const issues: FieldIssue[] = [];
  const id = collect(issues, () => ProductId.parse(raw.id));
  const details = collect(issues, () =>
    parseProductDetails({ name: raw.name, description: raw.description ?? undefined, price: raw.price }),
  );
  const { version } = raw;
  if (!isVersion(version)) issues.push({ field: 'version', message: 'must be a positive integer' });
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (!isUtcTimestamp(raw[field])) issues.push({ field, message: 'must be an ISO 8601 UTC timestamp' });
  }
  if (issues.length > 0 || id === undefined || details === undefined || !isVersion(version)) {
    throw new ValidationError(issues);
  }
  return {
    id,
    ...details,
    version,
    createdAt: raw.createdAt as string,
    updatedAt: raw.updatedAt as string,
  };
};
