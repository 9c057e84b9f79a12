import { GetProduct } from '@catalog/application';
import { ProductId } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import { etagOf, ifNoneMatchTestOf } from './conditional';
import type { HttpRequest } from './request';
import { productResponse, type HttpResponse } from './response';
import type { Route } from './route';

/** `GET /api/products/{id}`: 200 + ETag, or 304 when `If-None-Match` names the current version. */
@injectable()
export class GetProductRoute implements Route {
  readonly name = 'get-product';

  constructor(@inject(GetProduct) private readonly getProduct: GetProduct) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const id = ProductId.parse(request.pathParameters.id);
    const isFresh = ifNoneMatchTestOf(request);
    const product = await this.getProduct.execute({ id });
    if (isFresh?.(product.version)) return { status: 304, headers: { ETag: etagOf(product.version) } };
    return productResponse(200, product);
  }
}
