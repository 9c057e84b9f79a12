import { ProductId, ProductNotFoundError, type Product } from '@catalog/domain';
import { ProductRepository } from '@catalog/ports';
import { inject, injectable } from 'inversify';

@injectable()
export class GetProduct {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(query: { readonly id: string }): Promise<Product> {
    const id = ProductId.parse(query.id);
    const product = await this.products.get(id);
    if (product === undefined) throw new ProductNotFoundError(id);
    return product;
  }
}
