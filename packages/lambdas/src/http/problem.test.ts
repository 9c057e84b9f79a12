import {
  DomainError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  StoreUnavailableError,
  ValidationError,
  type ErrorKind,
} from '@catalog/domain';
import { describe, expect, it } from 'vitest';
import { HttpEdgeError, INVALID_FIELDS, problemFor } from './problem';

class KindError extends DomainError {
  readonly code = 'SOME_CODE';
  constructor(
    readonly kind: ErrorKind,
    readonly retryAfterSeconds?: number,
  ) {
    super('internal words');
  }
}

describe(problemFor, () => {
  it.each([
    [1, 1],
    [1.2, 2],
    [2, 2],
    [0.3, 1],
    [0, 1],
    [-5, 1],
  ])(
    'answers a store unavailable for %s s with Retry-After %i (whole seconds, at least 1)',
    (given, header) => {
      const outcome = problemFor(new StoreUnavailableError('throttled by table x', given), 'c-1');
      expect(outcome.retryAfterSeconds).toBe(header);
      expect(outcome.problem).toEqual({
        type: 'urn:catalog:problem:store-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The service is temporarily unavailable; retry after the time given in Retry-After.',
        correlationId: 'c-1',
      });
      expect(outcome.unexpected).toBe(false);
    },
  );

  it('gives Retry-After only for the unavailable kind', () => {
    expect(problemFor(new KindError('conflict', 5), 'c').retryAfterSeconds).toBeUndefined();
    expect(problemFor(new KindError('unavailable'), 'c').retryAfterSeconds).toBeUndefined();
  });

  it.each([
    ['invariant_violated', 400, 'Bad Request'],
    ['not_found', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
    ['precondition_failed', 412, 'Precondition Failed'],
    ['unprocessable', 422, 'Unprocessable Content'],
    ['unavailable', 503, 'Service Unavailable'],
  ] as const)('maps the kind %s to %i %s, with the error code as the type', (kind, status, title) => {
    const { problem } = problemFor(new KindError(kind), 'c');
    expect(problem).toMatchObject({ status, title, type: 'urn:catalog:problem:some-code' });
  });

  it("shows a domain error's message, or the generic text when it names fields", () => {
    expect(problemFor(new PreconditionFailedError('If-Match "3" does not hold'), 'c').problem.detail).toBe(
      'If-Match "3" does not hold',
    );
    const invalid = problemFor(
      new ValidationError([{ field: 'name', message: 'must not be empty' }]),
      'c',
    ).problem;
    expect(invalid).toMatchObject({
      detail: INVALID_FIELDS,
      errors: [{ field: 'name', message: 'must not be empty' }],
    });
    expect(problemFor(new IdempotencyKeyReusedError(), 'c').problem.errors).toBeUndefined();
  });

  it('copies only field and message of each issue', () => {
    const issue = { field: 'x', message: 'm', secret: 'internal' };
    const { problem } = problemFor(new ValidationError([issue]), 'c');
    expect(problem.errors).toEqual([{ field: 'x', message: 'm' }]);
  });

  it.each([
    [400, 'Bad Request'],
    [413, 'Content Too Large'],
    [415, 'Unsupported Media Type'],
  ] as const)('answers an edge refusal with its own status %i and %s', (status, title) => {
    const outcome = problemFor(new HttpEdgeError(status, 'BODY_TOO_LARGE', 'too big'), 'c');
    expect(outcome).toEqual({
      problem: {
        type: 'urn:catalog:problem:body-too-large',
        title,
        status,
        detail: 'too big',
        correlationId: 'c',
      },
      unexpected: false,
    });
  });

  it('lists the issues of an edge refusal that has some', () => {
    const error = new HttpEdgeError(400, 'MALFORMED_HEADER', 'bad', [{ field: 'If-Match', message: 'm' }]);
    expect(problemFor(error, 'c').problem.errors).toEqual([{ field: 'If-Match', message: 'm' }]);
  });

  it('hides everything of an unexpected error behind a 500 with the correlation id', () => {
    const outcome = problemFor(
      Object.assign(new Error('db password wrong'), { issues: [{ field: 'a' }] }),
      'c-9',
    );
    expect(outcome).toEqual({
      problem: {
        type: 'urn:catalog:problem:internal-error',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred; quote correlation id c-9 when reporting it.',
        correlationId: 'c-9',
      },
      unexpected: true,
    });
  });
});
