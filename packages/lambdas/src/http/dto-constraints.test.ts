import { ValidationError } from '@catalog/domain';
import { MaxLength, validateSync } from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonValue, Nested } from './dto-decorators';
import { validateBody } from './dto-validation';
import { PriceDto, ProductBodyDto } from './product-body';

// validateBody accepts a body on the DTO's own constraints run directly, and asks validateSync only when
// one fails; these tests hold it to what validateSync alone decides.
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** What validateSync alone says of a body with only declared keys: accepted or not. */
const validateSyncAccepts = (body: Record<string, unknown>): boolean => {
  const dto = Object.assign(new ProductBodyDto(), body);
  if (typeof body.price === 'object' && body.price !== null && !Array.isArray(body.price)) {
    dto.price = Object.assign(new PriceDto(), body.price);
  }
  return validateSync(dto, OPTIONS).length === 0;
};

const outcomeOf = (body: unknown): 'accepted' | ValidationError => {
  try {
    validateBody(ProductBodyDto, body);
    return 'accepted';
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
};

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.oneof(fc.integer(), fc.double()),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('amount', 'currency'), fc.oneof(fc.string({ maxLength: 3 }), fc.integer())),
);
const declaredOnly = fc.record(
  { name: anyValue, description: anyValue, price: anyValue },
  { requiredKeys: [] },
);

describe('validateBody on the DTO constraints run directly', () => {
  it('accepts exactly the bodies validateSync accepts', () => {
    fc.assert(
      fc.property(declaredOnly, (body) => {
        const outcome = outcomeOf(body);
        expect(outcome === 'accepted').toBe(validateSyncAccepts(body));
      }),
      { numRuns: 1000 },
    );
  });

  it('words a refused body as validateSync does', () => {
    const outcome = outcomeOf({ name: 7, price: { amount: '1', currency: 'EUR' } });
    expect(outcome).toBeInstanceOf(ValidationError);
    expect((outcome as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'price.amount', message: 'must be a number' },
      ]),
    );
  });

  it('still runs any other class-validator constraint a DTO declares', () => {
    class ShortNameDto {
      @JsonValue('string')
      @MaxLength(3, { message: 'is too long' })
      name!: string;
    }
    class OuterDto {
      @Nested(() => ShortNameDto)
      inner!: ShortNameDto;
    }
    expect(validateBody(ShortNameDto, { name: 'abc' })).toEqual({ name: 'abc' });
    expect(() => validateBody(ShortNameDto, { name: 'abcd' })).toThrow(ValidationError);
    // A nested class with a foreign constraint makes its owner go through validateSync too.
    expect(() => validateBody(OuterDto, { inner: { name: 'abcd' } })).toThrow(ValidationError);
  });
});
