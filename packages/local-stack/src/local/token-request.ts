import type { TokenRequest } from '../auth/local-authorizer';
import { LocalRequestError } from './local-http';

const FIELDS = ['scope', 'clientId', 'subject', 'expiresIn'] as const;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/; // RFC 6749 scope-token list
const NAME = /^[A-Za-z0-9._:@/+-]{1,128}$/;
const MAX_EXPIRES_IN = 24 * 3600;

/**
 * `POST /_local/token` body: `{ scope?, clientId?, subject?, expiresIn? }`. Every field is optional; another
 * client id or scope than the stack's yields a token the authorizer refuses, which is how the unhappy paths
 * are tried locally.
 */
export const parseTokenRequest = (body: Record<string, unknown>): TokenRequest => {
  const unknown = Object.keys(body).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0)
    throw new LocalRequestError(400, `Unknown field(s) ${unknown.join(', ')}; allowed: ${FIELDS.join(', ')}`);
  const { scope, clientId, subject, expiresIn } = body;
  if (scope !== undefined && (typeof scope !== 'string' || !SCOPE.test(scope)))
    throw new LocalRequestError(400, 'scope must be space-separated scope names, e.g. "catalog/products"');
  if (clientId !== undefined && (typeof clientId !== 'string' || !NAME.test(clientId)))
    throw new LocalRequestError(400, 'clientId must be 1-128 characters of letters, digits and ._:@/+-');
  if (subject !== undefined && (typeof subject !== 'string' || !NAME.test(subject)))
    throw new LocalRequestError(400, 'subject must be 1-128 characters of letters, digits and ._:@/+-');
  if (
    expiresIn !== undefined &&
    (typeof expiresIn !== 'number' ||
      !Number.isInteger(expiresIn) ||
      expiresIn < 1 ||
      expiresIn > MAX_EXPIRES_IN)
  )
    throw new LocalRequestError(
      400,
      `expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN}`,
    );
  return {
    ...(scope === undefined ? {} : { scope }),
    ...(clientId === undefined ? {} : { clientId }),
    ...(subject === undefined ? {} : { subject }),
    ...(expiresIn === undefined ? {} : { expiresInSeconds: expiresIn }),
  };
};
