import { restoreProduct, type Product, type ProductId } from '@catalog/domain';

// The products table's item layout (docs/decisions/0003-dynamodb-table-design.md). Only this file, the
// repository and the stream parser know it; it never leaves the package.

/** The attribute holding the correlation id of the write that produced the item. */
export const CORRELATION_ID = 'correlationId';

export interface ProductItem {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly correlationId: string;
}

export const productKey = (id: ProductId): { id: string } => ({ id });

export const toProductItem = (product: Product, correlationId: string): ProductItem => ({
  id: product.id,
  name: product.name,
  ...(product.description === undefined ? {} : { description: product.description }),
  price: { amount: product.price.amount, currency: product.price.currency },
  version: product.version,
  createdAt: product.createdAt,
  updatedAt: product.updatedAt,
  correlationId,
});

/** Rebuilds the product from an item, checking every invariant; throws the domain's ValidationError. */
export const fromProductItem = (item: Readonly<Record<string, unknown>>): Product =>
  restoreProduct({
    id: item.id,
    name: item.name,
    description: item.description,
    price: item.price,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  });

/** The correlation id stored on an item, when there is a usable one. */
export const correlationIdOf = (item: Readonly<Record<string, unknown>>): string | undefined => {
  const value = item[CORRELATION_ID];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** A stored item that is not a valid product: a server-side fault, never the client's. */
export class CorruptProductItemError extends Error {
  constructor(key: unknown, options?: ErrorOptions) {
    super(`The stored item ${JSON.stringify(key)} is not a valid product`, options);
    this.name = 'CorruptProductItemError';
  }
}

/** fromProductItem for reads: a corrupt item is our fault (500), not a validation error for the client. */
export const readProductItem = (item: Readonly<Record<string, unknown>>): Product => {
  try {
    return fromProductItem(item);
  } catch (error) {
    throw new CorruptProductItemError(item.id, { cause: error });
  }
};
