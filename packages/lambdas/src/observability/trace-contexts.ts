import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/**
 * The active trace context across `await`s, with async hooks only while traced work runs.
 *
 * Node 22's AsyncLocalStorage installs promise hooks when first used and keeps them: from the first sampled
 * request on, every promise of every request (sampled or not) pays for context propagation. Here the
 * storage is enabled when a root subsegment starts and disabled once no root subsegment is open any more,
 * so the requests Lambda does not sample (95% under X-Ray's default rule) run without hooks. Concurrent
 * traced work in one process (the local stack) keeps it enabled until the last one ends
 * (docs/decisions/0019-hot-paths-without-async-hooks.md).
 */
export class TraceContexts {
  private readonly storage = new AsyncLocalStorageContextManager();
  private openRoots = 0;

  /** The active context; the root context outside traced work. */
  active(): Context {
    return this.openRoots === 0 ? ROOT_CONTEXT : this.storage.active();
  }

  /** Runs `work` with `context` active, in this async context and every one it starts. */
  with<T>(context: Context, work: () => Promise<T>): Promise<T> {
    return this.storage.with(context, work);
  }

  /**
   * Runs `work` as a root of traced work: the storage is on until it settles (and every other open root
   * has settled too), then off, which also forgets the contexts the work left behind.
   */
  async root<T>(context: Context, work: () => Promise<T>): Promise<T> {
    this.openRoots++;
    try {
      return await this.storage.with(context, work);
    } finally {
      if (--this.openRoots === 0) this.storage.disable();
    }
  }

  /** Whether async hooks are currently installed for trace contexts (for tests). */
  get propagating(): boolean {
    return this.openRoots > 0;
  }
}
