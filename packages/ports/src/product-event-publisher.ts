import type { ProductEvent } from '@catalog/domain';

export interface PublishFailure {
  readonly eventId: string;
  /** The transport's code (e.g. `ThrottlingException`), or `NotAttempted` for events after a failure. */
  readonly errorCode: string;
  readonly errorMessage: string;
}

export interface PublishResult {
  /** Exactly the events that were not delivered, in input order; empty when all were. */
  readonly failed: readonly PublishFailure[];
}

/**
 * Publishes product events to consumers, at least once. Events go out in input order and per product never
 * overtake each other. Once an event cannot be delivered (after the publisher's own bounded retries), no
 * later batch is sent; events of other products that travelled with it may have been delivered. `failed`
 * lists exactly the events that were not delivered, those never sent with `NotAttempted`.
 */
export interface ProductEventPublisher {
  publish(events: readonly ProductEvent[]): Promise<PublishResult>;
}
export const ProductEventPublisher = Symbol.for('catalog.ProductEventPublisher');
