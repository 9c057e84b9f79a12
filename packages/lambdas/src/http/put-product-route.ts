import { PutProduct, type PutPreconditions } from '@catalog/application';
import { ProductId } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import { ifMatchOf, ifNoneMatchStarOf } from './conditional';
import { readJsonBody } from './json-body';
import { readProductBody } from './product-body';
import type { HttpRequest } from './request';
import { productResponse, type HttpResponse } from './response';
import type { Route, RouteContext } from './route';

/** `PUT /api/products/{id}`: create (201) or replace (200), honouring If-Match and If-None-Match: *. */
@injectable()
export class PutProductRoute implements Route {
  readonly name = 'put-product';

  constructor(@inject(PutProduct) private readonly putProduct: PutProduct) {}

  async handle(request: HttpRequest, { correlationId, metrics }: RouteContext): Promise<HttpResponse> {
    const id = ProductId.parse(request.pathParameters.id);
    const ifMatch = ifMatchOf(request);
    const ifNoneMatch = ifNoneMatchStarOf(request);
    const preconditions: PutPreconditions = {
      ...(ifMatch === undefined ? {} : { ifMatch }),
      ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
    };
    const details = readProductBody(readJsonBody(request));
    const { product, created, changed } = await this.putProduct.execute({ id, ...details }, preconditions, {
      correlationId,
    });
    if (created) {
      metrics.add('ProductsCreated');
      // The client named the product's URL itself: the path it used is where the product now is.
      return productResponse(201, product, { Location: request.requestPath });
    }
    if (changed) metrics.add('ProductsUpdated');
    return productResponse(200, product);
  }
}
