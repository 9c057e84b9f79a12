import { DeleteProduct } from '@catalog/application';
import { ProductId } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import { ifMatchOf } from './conditional';
import type { HttpRequest } from './request';
import type { HttpResponse } from './response';
import type { Route, RouteContext } from './route';

/** `DELETE /api/products/{id}`: 204 whether or not it existed, unless `If-Match` makes that a condition. */
@injectable()
export class DeleteProductRoute implements Route {
  readonly name = 'delete-product';

  constructor(@inject(DeleteProduct) private readonly deleteProduct: DeleteProduct) {}

  async handle(request: HttpRequest, { correlationId, metrics }: RouteContext): Promise<HttpResponse> {
    const id = ProductId.parse(request.pathParameters.id);
    const ifMatch = ifMatchOf(request);
    const { deleted } = await this.deleteProduct.execute(ifMatch === undefined ? { id } : { id, ifMatch }, {
      correlationId,
    });
    if (deleted) metrics.add('ProductsDeleted');
    return { status: 204 };
  }
}
