import { ValidationError } from './errors';
import { hasControlCharacters, lengthInCharacters } from './text';

export type Description = string & { readonly __brand: 'Description' };

export const DESCRIPTION_MAX_LENGTH = 2000;

export const Description = {
  /** Up to 2000 characters; line breaks and tabs are allowed, other control characters are not. */
  parse(value: unknown, field = 'description'): Description {
    if (typeof value !== 'string') throw ValidationError.of(field, 'must be a string');
    const length = lengthInCharacters(value);
    if (length > DESCRIPTION_MAX_LENGTH) {
      throw ValidationError.of(field, `must be at most ${DESCRIPTION_MAX_LENGTH} characters (got ${length})`);
    }
    if (hasControlCharacters(value.replace(/[\t\n\r]/g, ''))) {
      throw ValidationError.of(field, 'must not contain control characters other than tabs and line breaks');
    }
    return value as Description;
  },
};
