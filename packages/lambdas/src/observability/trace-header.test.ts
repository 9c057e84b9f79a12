import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentTraceHeader, traceIdOf, withInvocationTraceHeader } from './tracing';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';
const FIRST = `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=1`;
const SECOND = 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=1111111111111111;Sampled=0';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe(currentTraceHeader, () => {
  it('reads _X_AMZN_TRACE_ID outside an invocation, an empty value as none', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', FIRST);
    expect(currentTraceHeader()).toBe(FIRST);
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    expect(currentTraceHeader()).toBeUndefined();
  });
});

describe(withInvocationTraceHeader, () => {
  it('gives the header read when the invocation started, for all of it, and reads afresh afterwards', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', FIRST);
    const seen = await withInvocationTraceHeader(async () => {
      const before = currentTraceHeader();
      vi.stubEnv('_X_AMZN_TRACE_ID', SECOND);
      await Promise.resolve();
      return [before, currentTraceHeader()];
    });
    expect(seen).toEqual([FIRST, FIRST]);
    expect(currentTraceHeader()).toBe(SECOND);
  });

  it('reads it afresh for each invocation, and for none when the variable is unset', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', FIRST);
    expect(await withInvocationTraceHeader(() => Promise.resolve(currentTraceHeader()))).toBe(FIRST);
    vi.stubEnv('_X_AMZN_TRACE_ID', SECOND);
    expect(await withInvocationTraceHeader(() => Promise.resolve(currentTraceHeader()))).toBe(SECOND);
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    expect(await withInvocationTraceHeader(() => Promise.resolve(currentTraceHeader()))).toBeUndefined();
  });

  it('lets go of the header when the work fails, and passes the failure on', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', FIRST);
    const failure = new Error('boom');
    await expect(withInvocationTraceHeader(() => Promise.reject(failure))).rejects.toBe(failure);
    vi.stubEnv('_X_AMZN_TRACE_ID', SECOND);
    expect(currentTraceHeader()).toBe(SECOND);
  });

  it('where invocations overlap, holds the latest start until the last one ends', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', FIRST);
    let finishFirst: () => void = () => undefined;
    const first = withInvocationTraceHeader(
      () => new Promise<string | undefined>((resolve) => (finishFirst = () => resolve(currentTraceHeader()))),
    );
    vi.stubEnv('_X_AMZN_TRACE_ID', SECOND);
    expect(await withInvocationTraceHeader(() => Promise.resolve(currentTraceHeader()))).toBe(SECOND);
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    finishFirst();
    // The env read at that moment would have given SECOND's start too: Lambda never overlaps invocations.
    expect(await first).toBe(SECOND);
    expect(currentTraceHeader()).toBeUndefined();
  });
});

// What traceIdOf returned before it used a regular expression: the reference for equivalence.
const splitTraceIdOf = (header: string): string | undefined => {
  for (const part of header.split(';')) {
    const [name, value] = part.split('=');
    if (name?.trim() === 'Root' && value) return value.trim();
  }
  return undefined;
};

describe(traceIdOf, () => {
  it.each([
    [FIRST, TRACE],
    [`Parent=53995c3f42cd8ad8;Root=${TRACE};Sampled=0`, TRACE],
    [` Root = ${TRACE} ;Sampled=1`, TRACE],
    [`Root=${TRACE}=x;Sampled=1`, TRACE],
    ['Root=;Root=second', 'second'],
    ['Root==x;Sampled=1', undefined],
    ['Root=  ;Sampled=1', ''],
    ['XRoot=abc;Sampled=1', undefined],
    ['Roots=abc', undefined],
    ['Root', undefined],
    ['Sampled=1', undefined],
    ['', undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(traceIdOf(header)).toBe(expected);
    expect(splitTraceIdOf(header)).toBe(expected);
  });

  it('is undefined without a header', () => {
    expect(traceIdOf(undefined)).toBeUndefined();
  });

  it('agrees with splitting the header on random headers made of its own separators', () => {
    const alphabet = [
      'Root',
      ' Root',
      'Parent',
      'R',
      '=',
      ';',
      ' ',
      '\t',
      'a',
      '1-',
      'x',
      'Sampled=1',
      ';Root=',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < 5_000; i++) {
      let header = '';
      const length = next() % 12;
      for (let j = 0; j < length; j++) header += alphabet[next() % alphabet.length] ?? '';
      expect(traceIdOf(header), header).toBe(splitTraceIdOf(header));
    }
  });
});
