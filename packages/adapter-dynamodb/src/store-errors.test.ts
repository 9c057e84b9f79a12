import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseProductDetails, StoreUnavailableError } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { mockedRepository } from './repository.test-support';
import { translateStoreError } from './store-errors';

const $metadata = {};
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

describe(translateStoreError, () => {
  it.each([
    new ProvisionedThroughputExceededException({ message: 'slow down', $metadata }),
    new ThrottlingException({ message: 'slow down', $metadata }),
    new RequestLimitExceeded({ message: 'slow down', $metadata }),
  ])('makes throttling ($name) a StoreUnavailableError to retry after 2 s', (failure) => {
    const error = translateStoreError(failure, 'PutItem');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 2, cause: failure });
  });

  it.each([
    ['a server error', new InternalServerError({ message: 'oops', $metadata })],
    ['ServiceUnavailable', named('ServiceUnavailable')],
    ['a 5xx of any name', named('Unknown', { $metadata: { httpStatusCode: 502 } })],
    ['the SDK’s connect or socket timeout', named('TimeoutError', { code: 'ETIMEDOUT' })],
    ['a service request timeout', named('RequestTimeout')],
    ['a RequestTimeoutException', named('RequestTimeoutException')],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8000')],
    ['an unknown host', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND dynamodb.example')],
    ['a failed DNS lookup', withCode('EAI_AGAIN', 'getaddrinfo EAI_AGAIN dynamodb.example')],
    ['a reset connection', withCode('ECONNRESET', 'socket hang up')],
    ['an unreachable network', withCode('ENETUNREACH')],
    [
      'every address of a host refused',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'),
    ],
    ['a refusal wrapped as a cause', new Error('request failed', { cause: withCode('ECONNREFUSED') })],
  ])('makes %s a StoreUnavailableError to retry after 1 s', (_, failure) => {
    const error = translateStoreError(failure, 'GetItem');
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 1, cause: failure });
    expect((error as Error).message).toMatch(/^DynamoDB could not complete GetItem \(/);
  });

  it.each([
    named('ValidationException', { $metadata: { httpStatusCode: 400 } }),
    named('ResourceNotFoundException'),
    withCode('ERR_INVALID_ARG_TYPE'),
    'not even an error',
  ])('passes anything else through unchanged: %s', (failure) => {
    expect(translateStoreError(failure, 'GetItem')).toBe(failure);
  });
});

describe('the repository', () => {
  it('reports every failed call through the translation, reads and writes alike', async () => {
    const { mock, repository } = mockedRepository();
    const product = aProduct();
    mock.on(GetCommand).rejects(withCode('ECONNREFUSED'));
    mock.on(UpdateCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata }));
    await expect(repository.get(product.id)).rejects.toMatchObject({ retryAfterSeconds: 1 });
    const details = parseProductDetails({ name: 'Cup', price: { amount: 1, currency: 'EUR' } });
    await expect(
      repository.create(product.id, details, new Date(), { correlationId: 'c' }),
    ).rejects.toMatchObject({
      retryAfterSeconds: 2,
    });
  });
});
