import type { ProductEvent } from '@catalog/domain';
import type { ProductEventPublisher, PublishFailure, PublishResult } from '@catalog/ports';

/**
 * Keeps every delivered event; can be told to reject events. Like the real publisher it stops at the first
 * undeliverable event and reports the rest as not attempted.
 */
export class RecordingProductEventPublisher implements ProductEventPublisher {
  readonly delivered: ProductEvent[] = [];
  calls = 0;
  private rejecting: ((event: ProductEvent) => string | undefined) | undefined;

  /** Rejects each event for which `reject` returns an error code. */
  rejectWhen(reject: (event: ProductEvent) => string | undefined): void {
    this.rejecting = reject;
  }

  acceptAll(): void {
    this.rejecting = undefined;
  }

  async publish(events: readonly ProductEvent[]): Promise<PublishResult> {
    await Promise.resolve();
    this.calls++;
    const failed: PublishFailure[] = [];
    for (const event of events) {
      if (failed.length > 0) {
        failed.push({
          eventId: event.metadata.eventId,
          errorCode: 'NotAttempted',
          errorMessage: 'an earlier event failed',
        });
        continue;
      }
      const errorCode = this.rejecting?.(event);
      if (errorCode === undefined) {
        this.delivered.push(structuredClone(event));
      } else {
        failed.push({ eventId: event.metadata.eventId, errorCode, errorMessage: 'rejected by the test' });
      }
    }
    return { failed };
  }
}
