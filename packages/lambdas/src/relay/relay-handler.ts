import type { Context } from 'aws-lambda';
import { inject, injectable } from 'inversify';
import { errorDetails, invocationLogger, Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { OutboxRelay } from './outbox-relay';

/** How the relay function runs: it drains the outbox in a loop for most of each (scheduled) invocation. */
export interface RelaySchedule {
  /** The pause between passes when the outbox had nothing due. */
  readonly pollIntervalMs: number;
  /** The loop stops when the invocation has less time left than this (the last pass must finish). */
  readonly stopBeforeEndMs: number;
}
export const RelaySchedule = Symbol.for('catalog.RelaySchedule');

export interface RelayInvocationResult {
  readonly passes: number;
  readonly published: number;
  readonly refused: number;
}

export type RelayHandler = (
  event: unknown,
  context: Pick<Context, 'awsRequestId' | 'functionName' | 'getRemainingTimeInMillis'>,
) => Promise<RelayInvocationResult>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The relay-product-outbox function. Each invocation (a schedule starts one a minute) runs relay passes
 * back to back while changes are due and every `pollIntervalMs` otherwise, until the invocation nears its
 * end: write -> event lag is one poll interval plus a pass, not a schedule period (ADR 0013). A pass that
 * fails (the database unreachable) is logged and retried after the interval; its rows stay unpublished.
 */
@injectable()
export class OutboxRelayHandler {
  constructor(
    @inject(OutboxRelay) private readonly relay: Pick<OutboxRelay, 'pass' | 'housekeeping'>,
    @inject(RelaySchedule) private readonly schedule: RelaySchedule,
    @inject(Logger) private readonly logger: Logger,
    @inject(Metrics) private readonly metrics: Metrics,
  ) {}

  readonly handle: RelayHandler = async (_event, context) => {
    const log = invocationLogger(this.logger, context);
    let passes = 0;
    let published = 0;
    let refused = 0;
    while (context.getRemainingTimeInMillis() > this.schedule.stopBeforeEndMs) {
      passes++;
      try {
        const result = await this.relay.pass();
        published += result.published;
        if (result.refused) refused++;
        // Due rows left behind a full pass: go on at once. Nothing due, or held back: wait.
        if (result.claimed > 0 && !result.refused) continue;
      } catch (error) {
        log.error('outbox relay pass failed; retrying after the poll interval', {
          error: errorDetails(error),
        });
      }
      this.metrics.flush();
      await sleep(Math.min(this.schedule.pollIntervalMs, context.getRemainingTimeInMillis()));
    }
    await this.relay.housekeeping().catch((error: unknown) => {
      log.error('outbox housekeeping failed', { error: errorDetails(error) });
    });
    this.metrics.flush();
    const summary = { passes, published, refused };
    log.info('outbox relay invocation done', summary);
    return summary;
  };
}
