import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { e2eTarget } from './target';

const target = e2eTarget();

const problemOf = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as { status: number; detail: string; correlationId: string };
  expect(body).toMatchObject({ status, detail: expect.any(String) });
  expect(response.headers.get('x-correlation-id')).toBe(body.correlationId);
  return body;
};

if (target.localOrigin === undefined) {
  console.log('[e2e] not registered: the /_local endpoints exist only on the local stack');
} else {
  const origin = target.localOrigin;
  const token = (body: string, contentType = 'application/json') =>
    fetch(`${origin}/_local/token`, { method: 'POST', headers: { 'content-type': contentType }, body });

  describe('POST /_local/token', () => {
    it('issues an RS256 access token the JWKS verifies, with issuer, client id, scope and expiry', async () => {
      const response = await token(JSON.stringify({ subject: 'alice', expiresIn: 120 }));
      expect(response.status).toBe(200);
      const issued = (await response.json()) as Record<string, unknown>;
      expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 120, client_id: 'catalog-local' });
      const jwks = (await (await fetch(`${origin}/_local/auth/.well-known/jwks.json`)).json()) as {
        keys: Record<string, unknown>[];
      };
      expect(jwks.keys[0]).not.toHaveProperty('d');
      const { payload } = await jwtVerify(String(issued.access_token), createLocalJWKSet(jwks as never), {
        issuer: `${origin}/_local/auth`,
      });
      expect(payload).toMatchObject({
        sub: 'alice',
        client_id: 'catalog-local',
        token_use: 'access',
        scope: 'catalog/products',
      });
      expect(payload.exp! - payload.iat!).toBe(120);
      expect(decodeJwt(String(issued.access_token)).iss).toBe(`${origin}/_local/auth`);
    });

    it.each([
      { what: 'an unknown field', body: '{"admin":true}', status: 400, detail: /admin/ },
      { what: 'malformed JSON', body: '{"scope":', status: 400, detail: /JSON/ },
      { what: 'a JSON array', body: '[]', status: 400, detail: /object/ },
      { what: 'a zero lifetime', body: '{"expiresIn":0}', status: 400, detail: /expiresIn/ },
      { what: 'a lifetime over a day', body: '{"expiresIn":86401}', status: 400, detail: /expiresIn/ },
      { what: 'a scope with a quote', body: '{"scope":"a\\"b"}', status: 400, detail: /scope/ },
      {
        what: 'a body over 4 KiB',
        body: JSON.stringify({ subject: 'x'.repeat(5000) }),
        status: 413,
        detail: /4096/,
      },
    ])('answers $what with $status', async ({ body, status, detail }) => {
      expect((await problemOf(await token(body), status)).detail).toMatch(detail);
    });

    it('answers a form body with 415 and another method with 405', async () => {
      await problemOf(await token('scope=x', 'application/x-www-form-urlencoded'), 415);
      const wrongMethod = await fetch(`${origin}/_local/token`);
      await problemOf(wrongMethod, 405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
    });
  });

  describe('GET /_local/events', () => {
    it.each(['?colour=red', '?detailType=ProductExploded', '?productId=%3Cscript%3E'])(
      'answers 400 for the filter %s',
      async (query) => {
        await problemOf(await fetch(`${origin}/_local/events${query}`), 400);
      },
    );

    it('answers 404 for an unknown local path', async () => {
      await problemOf(await fetch(`${origin}/_local/nothing`), 404);
    });
  });
}
