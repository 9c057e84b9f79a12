import { ThrottlingException } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  callErrorCode,
  DEFAULT_RETRY_SETTINGS,
  isRetryableCallError,
  isRetryableEntryError,
} from './retry-policy';

const settings = (random: number) => ({
  ...DEFAULT_RETRY_SETTINGS,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  random: () => random,
});

const serviceError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

describe(backoffDelay, () => {
  it('doubles the step per retry, jittered between half and all of it, up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(settings(0), retry))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(settings(0.999999), retry))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });
});

describe(isRetryableEntryError, () => {
  it('retries InternalFailure, ThrottlingException and codes it does not know', () => {
    expect(['InternalFailure', 'ThrottlingException', 'SomethingNew'].map(isRetryableEntryError)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('does not retry what the API reference calls non-retryable', () => {
    expect(
      ['MalformedDetail', 'InvalidArgument', 'AccessDeniedException'].map(isRetryableEntryError),
    ).toEqual([false, false, false]);
  });
});

describe(isRetryableCallError, () => {
  it('retries throttling, server faults and failures without a response', () => {
    const throttled = new ThrottlingException({
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(isRetryableCallError(throttled)).toBe(true);
    expect(isRetryableCallError(serviceError('InternalException', 500, 'server'))).toBe(true);
    expect(isRetryableCallError(reset)).toBe(true);
    expect(callErrorCode(reset)).toBe('ECONNRESET');
    expect(callErrorCode(throttled)).toBe('ThrottlingException');
  });

  it('does not retry client errors', () => {
    expect(isRetryableCallError(serviceError('AccessDeniedException', 400))).toBe(false);
    expect(isRetryableCallError(serviceError('ResourceNotFoundException', 400))).toBe(false);
  });
});
