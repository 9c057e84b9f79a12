/**
 * Is every instance the candidate schema accepts also accepted by the reference schema? A structural,
 * conservative answer for the JSON Schema (2020-12) keywords the event schemas use: it reports a reason
 * for each place where it finds a widening, and also for each place it cannot prove either way (an
 * unsupported keyword, a changed pattern or format). An empty list means "proved a subset".
 */
import { isDeepStrictEqual } from 'node:util';
import { checkBounds } from './schema-bounds';

export type Schema = boolean | Record<string, unknown>;
type Node = Record<string, unknown>;

const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$defs',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const UNDERSTOOD = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'const',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
]);
const ALL_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** Accepts a value when it validates against a schema (used for const/enum candidates). */
export type Validates = (schema: Schema, root: Schema, value: unknown) => boolean;

interface Context {
  readonly candidateRoot: Schema;
  readonly referenceRoot: Schema;
  readonly validates: Validates;
  readonly reasons: string[];
  readonly seen: Set<string>;
}

const isNode = (schema: unknown): schema is Node =>
  typeof schema === 'object' && schema !== null && !Array.isArray(schema);

const resolve = (schema: Schema, root: Schema): Schema => {
  let current = schema;
  for (let hops = 0; isNode(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#') || hops > 32) throw new Error(`unsupported $ref ${ref}`);
    const target = ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .reduce<unknown>(
        (node, key) => (isNode(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined),
        root,
      );
    if (typeof target !== 'boolean' && !isNode(target)) throw new Error(`unresolvable $ref ${ref}`);
    const siblings = Object.keys(current).filter((key) => key !== '$ref' && !ANNOTATIONS.has(key));
    if (siblings.length > 0) throw new Error(`$ref ${ref} with sibling keywords ${siblings.join(', ')}`);
    current = target;
  }
  return current;
};

const withoutAnnotations = (schema: Schema): unknown =>
  isNode(schema)
    ? Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)))
    : schema;

const typesOf = (node: Node): string[] => {
  const { type } = node;
  if (type === undefined) return ALL_TYPES;
  const list = Array.isArray(type) ? (type as string[]) : [type as string];
  return list.includes('number') ? [...new Set([...list, 'integer'])] : list;
};

const checkSame = (candidate: Node, reference: Node, key: string, at: string, reasons: string[]) => {
  if (reference[key] === undefined || isDeepStrictEqual(candidate[key], reference[key])) return;
  reasons.push(
    candidate[key] === undefined
      ? `${at}: the reference requires ${key} ${JSON.stringify(reference[key])}, the candidate has none`
      : `${at}: ${key} changed from ${JSON.stringify(reference[key])} to ${JSON.stringify(candidate[key])} (cannot prove it narrower)`,
  );
};

const checkObject = (candidate: Node, reference: Node, at: string, context: Context) => {
  const required = new Set((candidate.required as string[] | undefined) ?? []);
  for (const name of (reference.required as string[] | undefined) ?? []) {
    if (!required.has(name)) context.reasons.push(`${at}: property "${name}" is no longer required`);
  }
  const ownProps = (candidate.properties ?? {}) as Record<string, Schema>;
  const refProps = (reference.properties ?? {}) as Record<string, Schema>;
  const ownExtra = (candidate.additionalProperties ?? true) as Schema;
  const refExtra = (reference.additionalProperties ?? true) as Schema;
  for (const [name, refProp] of Object.entries(refProps)) {
    compare(ownProps[name] ?? ownExtra, refProp, `${at}.${name}`, context);
  }
  for (const [name, ownProp] of Object.entries(ownProps)) {
    if (!(name in refProps)) compare(ownProp, refExtra, `${at}.${name} (new property)`, context);
  }
  compare(ownExtra, refExtra, `${at} (additional properties)`, context);
};

/**
 * When either side lists its values (const/enum), the comparison is about those values alone: each value
 * the candidate lists must validate against the reference. Returns whether that settled the comparison.
 */
const compareListedValues = (candidate: Node, reference: Node, at: string, context: Context): boolean => {
  const values = 'const' in candidate ? [candidate.const] : (candidate.enum as unknown[] | undefined);
  if (values) {
    for (const value of values) {
      if (!context.validates(reference, context.referenceRoot, value)) {
        context.reasons.push(`${at}: the value ${JSON.stringify(value)} is not accepted by the reference`);
      }
    }
    return true;
  }
  if ('const' in reference || 'enum' in reference) {
    context.reasons.push(
      `${at}: the reference accepts only listed values, the candidate any ${typesOf(candidate).join('|')}`,
    );
    return true;
  }
  return false;
};

const compareNodes = (candidate: Node, reference: Node, at: string, context: Context) => {
  const { reasons } = context;
  for (const node of [candidate, reference]) {
    const unknown = Object.keys(node).filter((key) => !UNDERSTOOD.has(key));
    if (unknown.length > 0) reasons.push(`${at}: cannot compare keyword(s) ${unknown.join(', ')}`);
  }
  if (compareListedValues(candidate, reference, at, context)) return;
  const refTypes = typesOf(reference);
  const added = typesOf(candidate).filter((type) => !refTypes.includes(type));
  if (added.length > 0) reasons.push(`${at}: type(s) ${added.join(', ')} are new`);
  checkBounds(candidate, reference, at, reasons);
  checkSame(candidate, reference, 'pattern', at, reasons);
  checkSame(candidate, reference, 'format', at, reasons);
  if (reference.uniqueItems === true && candidate.uniqueItems !== true) {
    reasons.push(`${at}: items are no longer unique`);
  }
  if (reference.items !== undefined || candidate.items !== undefined) {
    compare((candidate.items ?? true) as Schema, (reference.items ?? true) as Schema, `${at}[]`, context);
  }
  if (refTypes.includes('object') || candidate.properties || reference.properties) {
    checkObject(candidate, reference, at, context);
  }
};

const compare = (candidateIn: Schema, referenceIn: Schema, at: string, context: Context): void => {
  const candidate = resolve(candidateIn, context.candidateRoot);
  const reference = resolve(referenceIn, context.referenceRoot);
  if (reference === true || candidate === false) return;
  if (reference === false) {
    context.reasons.push(`${at}: accepted now, refused by the reference`);
    return;
  }
  if (candidate === true) {
    context.reasons.push(`${at}: the candidate accepts anything here`);
    return;
  }
  const key = `${at}|${JSON.stringify(candidate)}|${JSON.stringify(reference)}`;
  if (context.seen.has(key)) return;
  context.seen.add(key);
  if (isDeepStrictEqual(withoutAnnotations(candidate), withoutAnnotations(reference)) && !hasRef(candidate)) {
    return;
  }
  compareNodes(candidate, reference, at, context);
};

const hasRef = (schema: unknown): boolean =>
  isNode(schema)
    ? '$ref' in schema || Object.values(schema).some(hasRef)
    : Array.isArray(schema) && schema.some(hasRef);

/** Reasons why `candidate` may accept an instance that `reference` refuses; empty when it cannot. */
export const subsetViolations = (candidate: Schema, reference: Schema, validates: Validates): string[] => {
  const context: Context = {
    candidateRoot: candidate,
    referenceRoot: reference,
    validates,
    reasons: [],
    seen: new Set(),
  };
  try {
    compare(candidate, reference, '$', context);
  } catch (error) {
    context.reasons.push(`$: ${(error as Error).message}`);
  }
  return context.reasons;
};
