import { isDomainError, type ErrorKind, type FieldIssue } from '@catalog/domain';

/**
 * A request the HTTP edge refuses before any use case runs (wrong media type, body too large, malformed
 * JSON or header). It carries its own status because it has no domain meaning.
 */
export class HttpEdgeError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpEdgeError';
  }
}

/** The one place where error kinds become HTTP statuses (docs/architecture.md, "Errors"). */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invariant_violated: 400,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unprocessable: 422,
  unavailable: 503,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem document, plus the correlation id of the request. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly correlationId: string;
  readonly errors?: readonly FieldIssue[];
}

export interface ProblemOutcome {
  readonly problem: Problem;
  /** Seconds for `Retry-After`, when the client may simply try again later. */
  readonly retryAfterSeconds?: number;
  /** True when the error was not one we raise on purpose: log it with its cause, show nothing of it. */
  readonly unexpected: boolean;
}

export const INVALID_FIELDS = 'The request is not valid; `errors` names each offending field.';

const typeFor = (code: string): string => `urn:catalog:problem:${code.toLowerCase().replaceAll('_', '-')}`;

const issuesOf = (error: object): readonly FieldIssue[] | undefined => {
  const { issues } = error as { issues?: unknown };
  return Array.isArray(issues) && issues.length > 0 ? (issues as FieldIssue[]) : undefined;
};

const build = (
  status: number,
  code: string,
  detail: string,
  correlationId: string,
  errors: readonly FieldIssue[] | undefined,
): Problem => ({
  type: typeFor(code),
  title: TITLES[status] ?? 'Error',
  status,
  detail,
  correlationId,
  ...(errors === undefined ? {} : { errors: errors.map(({ field, message }) => ({ field, message })) }),
});

/** Turns anything thrown while serving a request into the problem the client sees. */
export const problemFor = (error: unknown, correlationId: string): ProblemOutcome => {
  if (error instanceof HttpEdgeError) {
    const errors = error.issues.length > 0 ? error.issues : undefined;
    return {
      problem: build(error.status, error.code, error.message, correlationId, errors),
      unexpected: false,
    };
  }
  if (isDomainError(error)) {
    const status = STATUS_BY_KIND[error.kind];
    const issues = issuesOf(error);
    // An adapter's message may name internals; a throttled store is described in general terms.
    const detail =
      error.kind === 'unavailable'
        ? 'The service is temporarily unavailable; retry after the time given in Retry-After.'
        : issues === undefined
          ? error.message
          : INVALID_FIELDS;
    const problem = build(status, error.code, detail, correlationId, issues);
    const { retryAfterSeconds } = error as { retryAfterSeconds?: unknown };
    return typeof retryAfterSeconds === 'number' && error.kind === 'unavailable'
      ? { problem, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)), unexpected: false }
      : { problem, unexpected: false };
  }
  const detail = `An unexpected error occurred; quote correlation id ${correlationId} when reporting it.`;
  return { problem: build(500, 'INTERNAL_ERROR', detail, correlationId, undefined), unexpected: true };
};
