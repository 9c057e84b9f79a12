import {
  isProductDeletion,
  restoreProduct,
  restoreProductDeletion,
  type Product,
  type ProductDeletion,
  type ProductId,
  type ProductState,
} from '@catalog/domain';

// The products table's item layout (docs/decisions/0003-dynamodb-table-design.md). Only this file, the
// writes, the repository and the stream parser know it; it never leaves the package.
//   live product: id, name, description?, price { amount, currency }, version, createdAt, updatedAt,
//                 correlationId
//   tombstone:    id, version (the deletion's), deletedAt, correlationId (of the deleting request)

/** Attribute names, aliased in every expression (some, like `name`, are reserved words). */
export const ATTRIBUTE = {
  id: 'id',
  name: 'name',
  description: 'description',
  price: 'price',
  amount: 'amount',
  currency: 'currency',
  version: 'version',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  deletedAt: 'deletedAt',
  correlationId: 'correlationId',
} as const;

/** The attributes only a live product has; a delete removes them. */
export const PRODUCT_ONLY_ATTRIBUTES = [
  ATTRIBUTE.name,
  ATTRIBUTE.description,
  ATTRIBUTE.price,
  ATTRIBUTE.createdAt,
  ATTRIBUTE.updatedAt,
] as const;

export const productKey = (id: ProductId): { id: string } => ({ id });

/** The item stored for an id's state, with the correlation id of the write that produced it. */
export const toStateItem = (state: ProductState, correlationId: string): Record<string, unknown> =>
  isProductDeletion(state)
    ? { id: state.id, version: state.version, deletedAt: state.deletedAt, correlationId }
    : {
        id: state.id,
        name: state.name,
        ...(state.description === undefined ? {} : { description: state.description }),
        price: { amount: state.price.amount, currency: state.price.currency },
        version: state.version,
        createdAt: state.createdAt,
        updatedAt: state.updatedAt,
        correlationId,
      };

export const isTombstoneItem = (item: Readonly<Record<string, unknown>>): boolean =>
  item[ATTRIBUTE.deletedAt] !== undefined;

/** Rebuilds the id's state from an item, checking every invariant; throws the domain's ValidationError. */
export const fromStateItem = (item: Readonly<Record<string, unknown>>): ProductState =>
  isTombstoneItem(item)
    ? restoreProductDeletion({ id: item.id, version: item.version, deletedAt: item.deletedAt })
    : restoreProduct({
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
  const value = item[ATTRIBUTE.correlationId];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/** A stored item that is not a valid product or tombstone: a server-side fault, never the client's. */
export class CorruptProductItemError extends Error {
  constructor(key: unknown, options?: ErrorOptions) {
    super(`The stored item ${JSON.stringify(key)} is not a valid product`, options);
    this.name = 'CorruptProductItemError';
  }
}

/** fromStateItem for reads: a corrupt item is our fault (500), not a validation error for the client. */
export const readStateItem = (item: Readonly<Record<string, unknown>>): ProductState => {
  try {
    return fromStateItem(item);
  } catch (error) {
    throw new CorruptProductItemError(item.id, { cause: error });
  }
};

/** The live product an item holds, or undefined for a tombstone or no item. */
export const readLiveItem = (item: Readonly<Record<string, unknown>> | undefined): Product | undefined => {
  if (item === undefined) return undefined;
  const state = readStateItem(item);
  return isProductDeletion(state) ? undefined : state;
};

/** The deletion a tombstone item holds, or undefined for no item (a live item is a fault here). */
export const readTombstoneItem = (
  item: Readonly<Record<string, unknown>> | undefined,
): ProductDeletion | undefined => {
  if (item === undefined) return undefined;
  const state = readStateItem(item);
  if (!isProductDeletion(state)) throw new CorruptProductItemError(item.id);
  return state;
};
