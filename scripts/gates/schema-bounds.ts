/**
 * Numeric, length, item-count and property-count limits for the subset proof (schema-subset.ts): the
 * candidate's limits must lie within the reference's; `minimum`/`exclusiveMinimum` (and the maxima) are
 * combined into the tighter bound of each side before they are compared.
 */
type Node = Record<string, unknown>;

const num = (node: Node, key: string): number | undefined =>
  typeof node[key] === 'number' ? node[key] : undefined;

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/** The tighter of an inclusive and an exclusive limit; `lower` picks the larger value. */
const bound = (node: Node, inclusiveKey: string, exclusiveKey: string, lower: boolean): Bound | undefined => {
  const inclusive = num(node, inclusiveKey);
  const exclusive = num(node, exclusiveKey);
  if (inclusive === undefined)
    return exclusive === undefined ? undefined : { value: exclusive, exclusive: true };
  if (exclusive === undefined) return { value: inclusive, exclusive: false };
  const exclusiveWins = lower ? exclusive >= inclusive : exclusive <= inclusive;
  return exclusiveWins ? { value: exclusive, exclusive: true } : { value: inclusive, exclusive: false };
};

/** Does the candidate's bound stay within the reference's (no bound = unbounded)? */
const within = (own: Bound | undefined, limit: Bound | undefined, lower: boolean): boolean => {
  if (!limit) return true;
  if (!own) return false;
  if (own.value !== limit.value) return lower ? own.value > limit.value : own.value < limit.value;
  return own.exclusive || !limit.exclusive;
};

const describe = (b: Bound | undefined) => (b ? `${b.exclusive ? 'exclusive ' : ''}${b.value}` : 'none');

/** Appends a reason for every limit of `reference` that `candidate` exceeds. */
export const checkBounds = (candidate: Node, reference: Node, at: string, reasons: string[]) => {
  const pairs: [string, string, string, boolean][] = [
    ['minimum', 'minimum', 'exclusiveMinimum', true],
    ['maximum', 'maximum', 'exclusiveMaximum', false],
    ['minLength', 'minLength', '', true],
    ['maxLength', 'maxLength', '', false],
    ['minItems', 'minItems', '', true],
    ['maxItems', 'maxItems', '', false],
    ['minProperties', 'minProperties', '', true],
    ['maxProperties', 'maxProperties', '', false],
  ];
  for (const [label, inclusiveKey, exclusiveKey, lower] of pairs) {
    const own = bound(candidate, inclusiveKey, exclusiveKey, lower);
    const limit = bound(reference, inclusiveKey, exclusiveKey, lower);
    if (!within(own, limit, lower)) {
      reasons.push(
        `${at}: ${label} ${describe(own)} is ${lower ? 'below' : 'above'} the reference's ${describe(limit)}`,
      );
    }
  }
  const step = num(reference, 'multipleOf');
  const ownStep = num(candidate, 'multipleOf');
  if (step !== undefined && (ownStep === undefined || !Number.isInteger(ownStep / step))) {
    reasons.push(`${at}: multipleOf ${String(ownStep ?? 'none')} is not a multiple of ${step}`);
  }
};
