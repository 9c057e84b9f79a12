import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGatewayProblem } from './gateway-refusal';
import { apiClient, e2eTarget } from './target';

const target = e2eTarget();
const api = apiClient(target);
const read = (authorization?: string) =>
  api('GET', `/api/products/${randomUUID()}`, {
    anonymous: true,
    ...(authorization === undefined ? {} : { headers: { authorization } }),
  });

/** A token from the local issuer (`POST /_local/token`); only the local stack can mint these. */
const localToken = async (request: Record<string, unknown>): Promise<string> => {
  const response = await fetch(`${target.localOrigin!}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
};

// Flip one character of the signature: same header and claims, a signature that no longer matches.
const tampered = (token: string): string => {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)!}`;
};

describe('the authorizer in front of every route', () => {
  it('answers 401 without a token', async () => {
    expectGatewayProblem(await read(), 401, 'unauthorized');
  });

  it.each(['Bearer not-a-jwt', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', 'Bearer '])(
    'answers 401 for the malformed Authorization "%s"',
    async (authorization) => {
      expectGatewayProblem(await read(authorization), 401, 'unauthorized');
    },
  );

  if (target.token === undefined) {
    console.log(
      '[e2e] not registered: the tampered-signature test needs E2E_AUTH_TOKEN (a valid token to tamper with)',
    );
  } else {
    const token = target.token;
    it('answers 401 for a valid token whose signature was tampered with, and serves the same token untouched', async () => {
      expectGatewayProblem(await read(`Bearer ${tampered(token)}`), 401, 'unauthorized');
      expect((await read(`Bearer ${token}`)).status).toBe(404);
    });
  }

  if (target.localOrigin === undefined) {
    console.log(
      '[e2e] not registered: expired, wrong-audience and wrong-scope tokens can only be minted by the local issuer',
    );
  } else {
    it('answers 401 "The incoming token has expired" once the token has expired', async () => {
      const token = await localToken({ expiresIn: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const response = await read(`Bearer ${token}`);
      expectGatewayProblem(response, 401, 'unauthorized');
      expect(response.json().detail).toBe('The incoming token has expired');
    });

    it('answers 401 for a token issued to another app client (audience)', async () => {
      const token = await localToken({ clientId: 'another-app' });
      expectGatewayProblem(await read(`Bearer ${token}`), 401, 'unauthorized');
    });

    it('answers 403 for a valid token without the required scope', async () => {
      const token = await localToken({ scope: 'catalog/other' });
      const response = await read(`Bearer ${token}`);
      expectGatewayProblem(response, 403, 'access-denied');
    });

    it('hands the function the caller: the same Idempotency-Key is two products for two subjects', async () => {
      const key = randomUUID();
      const body = { name: 'Caller', price: { amount: 5, currency: 'EUR' } };
      const post = async (subject: string) => {
        const token = await localToken({ subject });
        const response = await api('POST', '/api/products', {
          body,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        });
        expect(response.status).toBe(201);
        return String(response.json().id);
      };
      const alice = await post(`alice-${key}`);
      const bob = await post(`bob-${key}`);
      expect(bob).not.toBe(alice);
      expect(await post(`alice-${key}`)).toBe(alice);
    });

    it('lets a token with the scope through, with or without the Bearer prefix', async () => {
      const token = await localToken({ scope: 'openid catalog/products' });
      expect((await read(`Bearer ${token}`)).status).toBe(404);
      expect((await read(token)).status).toBe(404);
    });
  }
});
