import { describe, expect, it } from 'vitest';
import { Description } from './description';
import { ValidationError } from './errors';

describe('Description', () => {
  it('keeps the text as given, line breaks and tabs included', () => {
    expect(Description.parse(' Two lines\n\tand a tab ')).toBe(' Two lines\n\tand a tab ');
  });

  it('accepts an empty description and exactly 2000 characters', () => {
    expect(Description.parse('')).toBe('');
    expect(Description.parse('x'.repeat(2000))).toHaveLength(2000);
  });

  it('rejects 2001 characters, naming the limit', () => {
    expect(() => Description.parse('x'.repeat(2001))).toThrow(
      new ValidationError([{ field: 'description', message: 'must be at most 2000 characters (got 2001)' }]),
    );
  });

  it('rejects other control characters and non-strings', () => {
    expect(() => Description.parse('bell\u0007')).toThrow(
      new ValidationError([
        {
          field: 'description',
          message: 'must not contain control characters other than tabs and line breaks',
        },
      ]),
    );
    expect(() => Description.parse('line\r\nbreak\u001b[0m')).toThrow(ValidationError);
    expect(() => Description.parse(12)).toThrow(/description: must be a string/);
  });
});
