import { CreateProduct } from '@catalog/application';
import { inject, injectable } from 'inversify';
import { readJsonBody } from './json-body';
import { readProductBody } from './product-body';
import type { HttpRequest } from './request';
import { idempotencyKeyOf } from './request-headers';
import { memberLocation, productResponse, type HttpResponse } from './response';
import type { Route, RouteContext } from './route';

/** `POST /api/products` with an optional `Idempotency-Key`: 201 + Location + ETag; replays say so. */
@injectable()
export class CreateProductRoute implements Route {
  readonly name = 'create-product';

  constructor(@inject(CreateProduct) private readonly createProduct: CreateProduct) {}

  async handle(request: HttpRequest, context: RouteContext): Promise<HttpResponse> {
    const { correlationId, principal, metrics } = context;
    const idempotencyKey = idempotencyKeyOf(request);
    const command = readProductBody(readJsonBody(request));
    const { product, replayed } = await this.createProduct.execute(
      command,
      idempotencyKey === undefined
        ? { correlationId }
        : {
            correlationId,
            idempotencyKey,
            remainingTimeMs: context.remainingTimeMs(),
            ...(principal === undefined ? {} : { principal }),
          },
    );
    if (!replayed) metrics.add('ProductsCreated');
    const location = { Location: memberLocation(request.requestPath, product) };
    return productResponse(
      201,
      product,
      replayed ? { ...location, 'Idempotent-Replayed': 'true' } : location,
    );
  }
}
