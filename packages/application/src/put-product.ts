import {
  createProduct,
  parseProductDetails,
  PreconditionFailedError,
  ProductId,
  replaceProduct,
  VersionConflictError,
  type Product,
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

/** Unconditional writes re-read and retry this often when a concurrent writer wins in between. */
const MAX_ATTEMPTS = 3;

/** Creates the product under the client's id, or replaces its details (a no-op when they are identical). */
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
    const conditional = preconditions.ifMatch !== undefined || preconditions.ifNoneMatch !== undefined;
    for (let attempt = 1; ; attempt++) {
      const current = await this.products.get(id);
      checkPreconditions(id, current, preconditions);
      try {
        if (current === undefined) {
          const product = createProduct(id, details, this.clock.now());
          await this.products.put(product, context, { createOnly: true });
          return { product, created: true, changed: true };
        }
        const { product, changedFields } = replaceProduct(current, details, this.clock.now());
        if (changedFields.length > 0) {
          await this.products.put(product, context, { expectedVersion: current.version });
        }
        return { product, created: false, changed: changedFields.length > 0 };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // The state the precondition was checked against is gone: for a conditional request that is a
        // failed precondition; an unconditional one simply tries again on the new state.
        if (conditional) {
          throw new PreconditionFailedError(`Product ${id} changed while it was being written`, {
            cause: error,
          });
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

const checkPreconditions = (id: ProductId, current: Product | undefined, given: PutPreconditions): void => {
  if (given.ifNoneMatch === '*' && current !== undefined) {
    throw new PreconditionFailedError(`Product ${id} already exists (If-None-Match: *)`);
  }
  if (given.ifMatch === undefined) return;
  if (current === undefined) {
    throw new PreconditionFailedError(`Product ${id} does not exist (If-Match requires an existing product)`);
  }
  if (given.ifMatch !== '*' && given.ifMatch !== current.version) {
    throw new PreconditionFailedError(
      `Product ${id} is at version ${current.version}, not ${given.ifMatch} (If-Match)`,
    );
  }
};
