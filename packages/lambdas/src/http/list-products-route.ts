import { ListProducts, type ListProductsQuery } from '@catalog/application';
import { ValidationError } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import type { HttpRequest } from './request';
import type { HttpResponse } from './response';
import { productJson } from './response';
import type { Route } from './route';

const single = (request: HttpRequest, name: string): string | undefined => {
  const values = request.query.get(name);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw ValidationError.of(name, 'must be given at most once');
  return values[0];
};

const queryOf = (request: HttpRequest): ListProductsQuery => {
  const rawLimit = single(request, 'limit');
  const cursor = single(request, 'cursor');
  let limit: number | undefined;
  if (rawLimit !== undefined) {
    // Digits only: "1e2", " 5" or "0x10" are not limits; the use case checks the range.
    if (!/^[0-9]{1,6}$/.test(rawLimit)) throw ValidationError.of('limit', 'must be an integer from 1 to 100');
    limit = Number(rawLimit);
  }
  return {
    ...(limit === undefined ? {} : { limit }),
    // `cursor=` (empty) asks for the first page, like no cursor at all.
    ...(cursor === undefined || cursor === '' ? {} : { cursor }),
  };
};

/** `GET /api/products?limit=&cursor=`: 200 `{ items, nextCursor }`, `nextCursor` null on the last page. */
@injectable()
export class ListProductsRoute implements Route {
  readonly name = 'list-products';

  constructor(@inject(ListProducts) private readonly listProducts: ListProducts) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const page = await this.listProducts.execute(queryOf(request));
    return { status: 200, body: { items: page.items.map(productJson), nextCursor: page.nextCursor ?? null } };
  }
}
