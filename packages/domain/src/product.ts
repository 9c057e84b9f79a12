import { Description } from './description';
import { ValidationError, type FieldIssue } from './errors';
import { Money } from './money';
import { ProductId } from './product-id';
import { ProductName } from './product-name';

/** What a client chooses; everything else on a Product is assigned by the service. */
export interface ProductDetails {
  readonly name: ProductName;
  readonly description?: Description;
  readonly price: Money;
}

export interface Product extends ProductDetails {
  readonly id: ProductId;
  /** Starts at 1 and grows by one with every change; it is the ETag. */
  readonly version: number;
  /** ISO 8601 UTC timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ProductField = 'name' | 'description' | 'price';

export const PRODUCT_FIELDS: readonly ProductField[] = ['name', 'description', 'price'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

export const createProduct = (id: ProductId, details: ProductDetails, at: Date): Product => {
  const timestamp = at.toISOString();
  return { id, ...details, version: 1, createdAt: timestamp, updatedAt: timestamp };
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

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

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
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    issues.push({ field: 'version', message: 'must be a positive integer' });
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    const value = raw[field];
    if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
      issues.push({ field, message: 'must be an ISO 8601 UTC timestamp' });
    }
  }
  if (issues.length > 0 || id === undefined || details === undefined) throw new ValidationError(issues);
  return {
    id,
    ...details,
    version: version as number,
    createdAt: raw.createdAt as string,
    updatedAt: raw.updatedAt as string,
  };
};
