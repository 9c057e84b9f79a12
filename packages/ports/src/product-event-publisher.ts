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
 * Publishes product events to consumers, at least once. Events are sent in input order and per product
 * never overtake each other: once an event cannot be delivered (after the publisher's own bounded retries),
 * no event after it is attempted, and all of them are reported in `failed`.
 */
export interface ProductEventPublisher {
  publish(events: readonly ProductEvent[]): Promise<PublishResult>;
}
export const ProductEventPublisher = Symbol.for('catalog.ProductEventPublisher');
