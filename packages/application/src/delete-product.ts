import { PreconditionFailedError, ProductId, VersionConflictError } from '@catalog/domain';
import { Clock, ProductRepository } from '@catalog/ports';
import { inject, injectable } from 'inversify';
import type { RequestContext } from './request-context';

export interface DeleteProductCommand {
  readonly id: string;
  /** A version, or `*` for "only if it exists". */
  readonly ifMatch?: number | '*';
}

/**
 * Deleting is idempotent: an absent product is "deleted" too, unless the client made it a precondition.
 * Every form is one repository call.
 */
@injectable()
export class DeleteProduct {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: DeleteProductCommand, context: RequestContext): Promise<{ deleted: boolean }> {
    const id = ProductId.parse(command.id);
    const { ifMatch } = command;
    if (typeof ifMatch !== 'number') {
      const removed = await this.products.delete(id, this.clock.now(), context);
      if (removed === undefined && ifMatch === '*') {
        throw new PreconditionFailedError(`Product ${id} does not exist (If-Match: *)`);
      }
      return { deleted: removed !== undefined };
    }
    try {
      await this.products.delete(id, this.clock.now(), context, { expectedVersion: ifMatch });
      return { deleted: true };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const found = error.found === 'absent' ? 'does not exist' : `is at version ${error.found}`;
      throw new PreconditionFailedError(`Product ${id} ${found}, not at version ${ifMatch} (If-Match)`, {
        cause: error,
      });
    }
  }
}
