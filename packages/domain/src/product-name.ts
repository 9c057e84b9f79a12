import { ValidationError } from './errors';
import { hasControlCharacters, lengthInCharacters } from './text';

export type ProductName = string & { readonly __brand: 'ProductName' };

export const PRODUCT_NAME_MAX_LENGTH = 100;

export const ProductName = {
  /** Trims surrounding whitespace, then requires 1..100 characters and no control characters. */
  parse(value: unknown, field = 'name'): ProductName {
    if (typeof value !== 'string') throw ValidationError.of(field, 'must be a string');
    const trimmed = value.trim();
    const length = lengthInCharacters(trimmed);
    if (length === 0) throw ValidationError.of(field, 'must not be empty');
    if (length > PRODUCT_NAME_MAX_LENGTH) {
      throw ValidationError.of(
        field,
        `must be at most ${PRODUCT_NAME_MAX_LENGTH} characters (got ${length})`,
      );
    }
    if (hasControlCharacters(trimmed)) throw ValidationError.of(field, 'must not contain control characters');
    return trimmed as ProductName;
  },
};
