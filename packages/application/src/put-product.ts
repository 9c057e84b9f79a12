import {
  parseProductDetails,
  PreconditionFailedError,
  ProductId,
  VersionConflictError,
  type Product,
  type ProductDetails,
  type ProductDetailsInput,
} from '@catalog/domain';
import { Clock, ProductRepository } from '@catalog/ports';
import { inject, injectable } from 'inversify';
import type { RequestContext } from './request-context';

export interface PutProductCommand extends ProductDetailsInput {
  readonly id: string;
}

/** HTTP conditional-request semantics, already parsed from the headers. */
export interface PutPreconditions {
  /** A version, or `*` for "any existing product". */
  readonly ifMatch?: number | '*';
  /** Only `*`: "create, never replace". */
  readonly ifNoneMatch?: '*';
}

export interface PutProductResult {
  readonly product: Product;
  readonly created: boolean;
  /** False when an identical replacement left the product as it was (nothing written, no event). */
  readonly changed: boolean;
}

// An unconditional PUT replaces, or creates when no product is live: two writes at most unless other
// writers keep creating and deleting the product in between; then it gives up with VersionConflictError.
const MAX_WRITES = 4;

/**
 * Creates the product under the client's id, or replaces its details (a no-op when they are identical).
 * Each precondition is the condition of one repository write, so a conditional PUT is one store call.
 */
@injectable()
export class PutProduct {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(
    command: PutProductCommand,
    preconditions: PutPreconditions,
    context: RequestContext,
  ): Promise<PutProductResult> {
    const id = ProductId.parse(command.id);
    const details = parseProductDetails(command);
    const { ifMatch, ifNoneMatch } = preconditions;
    try {
      if (ifNoneMatch === '*') {
        if (ifMatch !== undefined) {
          throw new PreconditionFailedError('If-Match and If-None-Match: * cannot both hold');
        }
        return await this.create(id, details, context);
      }
      if (ifMatch !== undefined) {
        return await this.replace(id, details, context, ifMatch === '*' ? 'any' : ifMatch);
      }
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      throw new PreconditionFailedError(preconditionMessage(error), { cause: error });
    }
    return this.createOrReplace(id, details, context);
  }

  private async createOrReplace(
    id: ProductId,
    details: ProductDetails,
    context: RequestContext,
  ): Promise<PutProductResult> {
    for (let writes = 2; ; writes += 2) {
      try {
        return await this.replace(id, details, context, 'any');
      } catch (error) {
        // No live product: create it. If another writer creates it first, replace that one.
        if (!(error instanceof VersionConflictError) || error.found !== 'absent') throw error;
      }
      try {
        return await this.create(id, details, context);
      } catch (error) {
        if (!(error instanceof VersionConflictError) || writes >= MAX_WRITES) throw error;
      }
    }
  }

  private async create(id: ProductId, details: ProductDetails, context: RequestContext) {
    const product = await this.products.create(id, details, this.clock.now(), context);
    return { product, created: true, changed: true };
  }

  private async replace(
    id: ProductId,
    details: ProductDetails,
    context: RequestContext,
    expectedVersion: number | 'any',
  ): Promise<PutProductResult> {
    const { product, changedFields } = await this.products.replace(id, details, this.clock.now(), context, {
      expectedVersion,
    });
    return { product, created: false, changed: changedFields.length > 0 };
  }
}

const preconditionMessage = ({ productId, expected, found }: VersionConflictError): string => {
  if (expected === 'absent') return `Product ${productId} already exists (If-None-Match: *)`;
  if (found === 'absent') {
    return `Product ${productId} does not exist (If-Match requires an existing product)`;
  }
  return `Product ${productId} is at version ${found}, not ${String(expected)} (If-Match)`;
};
