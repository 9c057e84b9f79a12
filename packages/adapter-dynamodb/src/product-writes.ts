import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { FIRST_VERSION, type ProductDetails, type ProductId } from '@catalog/domain';
import type { WriteContext } from '@catalog/ports';
import { ATTRIBUTE, PRODUCT_ONLY_ATTRIBUTES, productKey } from './product-item';
import { ExpressionParts } from './update-expression';

// Every write of the repository is ONE conditional UpdateItem on the product's item, returning the item as
// it was (ALL_OLD) when it succeeds and when its condition fails; from that old item the repository tells
// the outcome (the domain's own functions compute the new product) without a second call. The version
// arithmetic in the expressions is the domain's: a create continues after a tombstone's version
// (createProduct), a replace and a delete take the next version (replaceProduct, deleteProduct).

type Write = Omit<UpdateCommandInput, 'TableName'>;

const RETURN_OLD = { ReturnValues: 'ALL_OLD', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

const live = (x: ExpressionParts): string =>
  `attribute_exists(${x.name(ATTRIBUTE.id)}) AND attribute_not_exists(${x.name(ATTRIBUTE.deletedAt)})`;

const atVersion = (x: ExpressionParts, expected: number | 'any' | undefined): string[] =>
  typeof expected === 'number' ? [`${x.name(ATTRIBUTE.version)} = ${x.value('expected', expected)}`] : [];

/** SET clauses for the client's details; REMOVE of the description when the new details have none. */
const detailClauses = (x: ExpressionParts, details: ProductDetails) => ({
  set: [
    `${x.name(ATTRIBUTE.name)} = ${x.value('name', details.name)}`,
    `${x.name(ATTRIBUTE.price)} = ${x.value('price', { ...details.price })}`,
    ...(details.description === undefined
      ? []
      : [`${x.name(ATTRIBUTE.description)} = ${x.value('description', details.description)}`]),
  ],
  remove: details.description === undefined ? [x.name(ATTRIBUTE.description)] : [],
});

/** True when the stored details differ from `details` in any field (what makes a replace a change). */
const detailsDiffer = (x: ExpressionParts, details: ProductDetails): string => {
  const description = x.name(ATTRIBUTE.description);
  return [
    `${x.name(ATTRIBUTE.name)} <> ${x.value('name', details.name)}`,
    `${x.name(`${ATTRIBUTE.price}.${ATTRIBUTE.amount}`)} <> ${x.value('amount', details.price.amount)}`,
    `${x.name(`${ATTRIBUTE.price}.${ATTRIBUTE.currency}`)} <> ${x.value('currency', details.price.currency)}`,
    details.description === undefined
      ? `attribute_exists(${description})`
      : `attribute_not_exists(${description}) OR ${description} <> ${x.value('description', details.description)}`,
  ].join(' OR ');
};

const update = (set: readonly string[], remove: readonly string[]): string =>
  [`SET ${set.join(', ')}`, ...(remove.length === 0 ? [] : [`REMOVE ${remove.join(', ')}`])].join(' ');

const stamp = (x: ExpressionParts, context: WriteContext): string =>
  `${x.name(ATTRIBUTE.correlationId)} = ${x.value('correlationId', context.correlationId)}`;

/**
 * Creates the product where no live one is: on an absent item at FIRST_VERSION, on a tombstone after it.
 * With `onlyAfter` the condition is that exact state (no item, or the tombstone at that version), so that
 * the created version is known before the write (a transaction returns no old item when it succeeds).
 */
export const createWrite = (
  id: ProductId,
  details: ProductDetails,
  at: Date,
  context: WriteContext,
  onlyAfter?: { readonly version: number } | 'nothing',
): Write => {
  const x = new ExpressionParts();
  const timestamp = at.toISOString();
  const version = x.name(ATTRIBUTE.version);
  const { set, remove } = detailClauses(x, details);
  return {
    Key: productKey(id),
    UpdateExpression: update(
      [
        ...set,
        `${version} = if_not_exists(${version}, ${x.value('noVersion', FIRST_VERSION - 1)}) + ${x.value('one', 1)}`,
        `${x.name(ATTRIBUTE.createdAt)} = ${x.value('at', timestamp)}`,
        `${x.name(ATTRIBUTE.updatedAt)} = ${x.value('at', timestamp)}`,
        stamp(x, context),
      ],
      [...remove, x.name(ATTRIBUTE.deletedAt)],
    ),
    ConditionExpression:
      onlyAfter === undefined
        ? `attribute_not_exists(${x.name(ATTRIBUTE.id)}) OR attribute_exists(${x.name(ATTRIBUTE.deletedAt)})`
        : onlyAfter === 'nothing'
          ? `attribute_not_exists(${x.name(ATTRIBUTE.id)})`
          : `attribute_exists(${x.name(ATTRIBUTE.deletedAt)}) AND ${version} = ${x.value('tombstone', onlyAfter.version)}`,
    ...x.fields(),
    ...RETURN_OLD,
  };
};

/** Replaces the live product's details, only at the expected version and only when they differ. */
export const replaceWrite = (
  id: ProductId,
  details: ProductDetails,
  at: Date,
  context: WriteContext,
  expectedVersion: number | 'any',
): Write => {
  const x = new ExpressionParts();
  const version = x.name(ATTRIBUTE.version);
  const { set, remove } = detailClauses(x, details);
  return {
    Key: productKey(id),
    UpdateExpression: update(
      [
        ...set,
        `${version} = ${version} + ${x.value('one', 1)}`,
        `${x.name(ATTRIBUTE.updatedAt)} = ${x.value('at', at.toISOString())}`,
        stamp(x, context),
      ],
      remove,
    ),
    ConditionExpression: [live(x), ...atVersion(x, expectedVersion), `(${detailsDiffer(x, details)})`].join(
      ' AND ',
    ),
    ...x.fields(),
    ...RETURN_OLD,
  };
};

/**
 * Turns the live product's item into its tombstone: the next version, the deletion's time and the deleting
 * request's correlation id, the product's own attributes removed (the stream's old image still has them).
 */
export const deleteWrite = (
  id: ProductId,
  at: Date,
  context: WriteContext,
  expectedVersion: number | undefined,
): Write => {
  const x = new ExpressionParts();
  const version = x.name(ATTRIBUTE.version);
  return {
    Key: productKey(id),
    UpdateExpression: update(
      [
        `${version} = ${version} + ${x.value('one', 1)}`,
        `${x.name(ATTRIBUTE.deletedAt)} = ${x.value('at', at.toISOString())}`,
        stamp(x, context),
      ],
      PRODUCT_ONLY_ATTRIBUTES.map((name) => x.name(name)),
    ),
    ConditionExpression: [live(x), ...atVersion(x, expectedVersion)].join(' AND '),
    ...x.fields(),
    ...RETURN_OLD,
  };
};
