import { ValidationError } from './errors';

export type ProductId = string & { readonly __brand: 'ProductId' };

// RFC 9562 layout (versions 1-8, RFC variant); ids are stored and compared in lower case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const ProductId = {
  parse(value: unknown, field = 'id'): ProductId {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw ValidationError.of(field, 'must be a UUID such as 3f0b7c1e-6a0b-4c5e-9a3f-1b2c3d4e5f60');
    }
    return value.toLowerCase() as ProductId;
  },
  isValid(value: unknown): value is ProductId {
    return typeof value === 'string' && UUID.test(value);
  },
};
