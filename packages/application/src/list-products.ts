import { InvalidCursorError, ValidationError } from '@catalog/domain';
import { ProductRepository, type ProductPage } from '@catalog/ports';
import { inject, injectable } from 'inversify';

export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 20;
// Cursors we issue are far shorter; anything longer was not issued by us.
const CURSOR_MAX_LENGTH = 2048;

export interface ListProductsQuery {
  readonly limit?: number;
  readonly cursor?: string;
}

@injectable()
export class ListProducts {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(query: ListProductsQuery): Promise<ProductPage> {
    const limit = query.limit ?? LIST_LIMIT_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
      throw ValidationError.of('limit', `must be an integer from 1 to ${LIST_LIMIT_MAX}`);
    }
    const { cursor } = query;
    if (cursor === undefined) return this.products.list({ limit });
    if (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) throw new InvalidCursorError();
    return this.products.list({ limit, cursor });
  }
}
