import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TraceContexts } from './trace-contexts';

const KEY = createContextKey('test.value');
const contextOf = (value: string) => ROOT_CONTEXT.setValue(KEY, value);

describe(TraceContexts, () => {
  it('carries a root context across awaits, into nested contexts, and back', async () => {
    const contexts = new TraceContexts();
    const seen: unknown[] = [];
    await contexts.root(contextOf('root'), async () => {
      await tick();
      seen.push(contexts.active().getValue(KEY));
      await contexts.with(contexts.active().setValue(KEY, 'child'), async () => {
        await tick();
        seen.push(contexts.active().getValue(KEY));
      });
      await tick();
      seen.push(contexts.active().getValue(KEY));
    });
    expect(seen).toEqual(['root', 'child', 'root']);
  });

  it('turns propagation off once the root settles, and on again for the next root', async () => {
    const contexts = new TraceContexts();
    expect(contexts.propagating).toBe(false);
    await contexts.root(contextOf('first'), async () => {
      expect(contexts.propagating).toBe(true);
      await tick();
    });
    expect(contexts.propagating).toBe(false);
    expect(contexts.active()).toBe(ROOT_CONTEXT);

    let seen: unknown;
    await contexts.root(contextOf('second'), async () => {
      await tick();
      seen = contexts.active().getValue(KEY);
    });
    expect(seen).toBe('second');
  });

  it('turns propagation off after a root that fails as well', async () => {
    const contexts = new TraceContexts();
    await expect(
      contexts.root(contextOf('failing'), async () => {
        await tick();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(contexts.propagating).toBe(false);
  });

  it('keeps every concurrent root its own context until the last one settles', async () => {
    const contexts = new TraceContexts();
    let releaseLong!: () => void;
    const long = contexts.root(contextOf('long'), async () => {
      await new Promise<void>((resolve) => (releaseLong = resolve));
      await tick();
      return contexts.active().getValue(KEY);
    });
    const short = contexts.root(contextOf('short'), async () => {
      await tick();
      return contexts.active().getValue(KEY);
    });
    expect(await short).toBe('short');
    expect(contexts.propagating).toBe(true);
    releaseLong();
    expect(await long).toBe('long');
    expect(contexts.propagating).toBe(false);
  });

  it('is the root context outside any traced work', () => {
    expect(new TraceContexts().active()).toBe(ROOT_CONTEXT);
  });
});
