import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { type Schema, subsetViolations } from './schema-subset';

const validates = (sub: Schema, root: Schema, value: unknown) => {
  const defs = typeof root === 'boolean' ? undefined : root.$defs;
  return new Ajv2020({ strict: false }).validate(
    typeof sub === 'boolean' ? sub : { ...sub, $defs: defs },
    value,
  );
};
const violations = (candidate: Schema, reference: Schema) =>
  subsetViolations(candidate, reference, validates);

const product = (overrides: Record<string, unknown> = {}, required = ['id', 'name']): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: {
    id: { $ref: '#/$defs/uuid' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    amount: { type: 'integer', minimum: 0, maximum: 1000 },
    tags: { type: 'array', uniqueItems: true, items: { enum: ['a', 'b'] } },
    ...overrides,
  },
  $defs: { uuid: { type: 'string', pattern: '^[0-9a-f-]{36}$' } },
});

describe('subsetViolations', () => {
  it('proves a schema a subset of itself, through its references', () => {
    expect(violations(product(), product())).toEqual([]);
  });

  describe('when the new schema only narrows', () => {
    it.each([
      ['a shorter maximum length', { name: { type: 'string', minLength: 1, maxLength: 50 } }],
      ['a tighter numeric range', { amount: { type: 'integer', minimum: 1, exclusiveMaximum: 1000 } }],
      ['fewer enum values', { tags: { type: 'array', uniqueItems: true, items: { enum: ['a'] } } }],
      ['a const among the old enum', { tags: { type: 'array', uniqueItems: true, items: { const: 'b' } } }],
    ])('accepts %s', (_label, overrides) => {
      expect(violations(product(overrides), product())).toEqual([]);
    });

    it('accepts a property that becomes required', () => {
      expect(violations(product({}, ['id', 'name', 'amount']), product())).toEqual([]);
    });
  });

  describe('when the new schema accepts more', () => {
    it.each([
      ['a new optional property', { colour: { type: 'string' } }, /colour \(new property\): accepted now/],
      [
        'a new enum value',
        { tags: { type: 'array', uniqueItems: true, items: { enum: ['a', 'b', 'c'] } } },
        /"c"/,
      ],
      [
        'a longer maximum length',
        { name: { type: 'string', minLength: 1, maxLength: 101 } },
        /maxLength 101/,
      ],
      ['a lower minimum', { amount: { type: 'integer', minimum: -1, maximum: 1000 } }, /minimum -1/],
      ['a new type', { amount: { type: ['integer', 'null'], minimum: 0, maximum: 1000 } }, /type\(s\) null/],
      ['a number where integers were', { amount: { type: 'number', minimum: 0, maximum: 1000 } }, /number/],
      [
        'items no longer unique',
        { tags: { type: 'array', items: { enum: ['a', 'b'] } } },
        /no longer unique/,
      ],
      ['a changed pattern', { id: { type: 'string', pattern: '^.+$' } }, /pattern changed/],
      [
        'a keyword it cannot compare',
        { name: { anyOf: [{ type: 'string' }] } },
        /cannot compare keyword\(s\) anyOf/,
      ],
    ])('reports %s', (_label, overrides, reason) => {
      expect(violations(product(overrides), product()).join('\n')).toMatch(reason);
    });

    it('reports a property that is no longer required', () => {
      expect(violations(product({}, ['id']), product())).toEqual([
        '$: property "name" is no longer required',
      ]);
    });

    it('reports additional properties that were refused', () => {
      const open = { ...(product() as Record<string, unknown>), additionalProperties: true };
      expect(violations(open, product()).join('\n')).toMatch(/additional properties/);
    });

    it('reports a broken reference instead of throwing', () => {
      expect(violations(product({ id: { $ref: '#/$defs/missing' } }), product())).toEqual([
        '$: unresolvable $ref #/$defs/missing',
      ]);
    });
  });
});
