import type { APIGatewayProxyEvent } from 'aws-lambda';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Who is calling, as the REST API's authorizer identified the caller (requestContext.authorizer), to scope
 * what belongs to a caller (idempotency keys). A Cognito user-pool authorizer passes the token's claims:
 * `sub` (for client-credentials tokens the app client, also in `client_id`); a Lambda authorizer passes
 * its `principalId`. The prefix keeps the two kinds apart. Undefined when no authorizer ran: every
 * unauthenticated caller shares one anonymous scope.
 */
export const callerPrincipalOf = (event: APIGatewayProxyEvent): string | undefined => {
  const authorizer: unknown = (event.requestContext as { authorizer?: unknown } | undefined)?.authorizer;
  if (!isRecord(authorizer)) return undefined;
  const { claims } = authorizer;
  if (isRecord(claims)) {
    const subject = text(claims.sub) ?? text(claims.client_id);
    if (subject !== undefined) return `cognito:${subject}`;
  }
  const principalId = text(authorizer.principalId);
  return principalId === undefined ? undefined : `lambda:${principalId}`;
};
