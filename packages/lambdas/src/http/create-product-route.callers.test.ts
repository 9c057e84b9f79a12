import { StoreUnavailableError } from '@catalog/domain';
import type { IdempotencyClaim } from '@catalog/ports';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { buildCreateProductHandler } from '../bindings/api-routes';
import { apiEvent, apiWorld, COLLECTION, cup } from './api-gateway.test-support';
import { callerPrincipalOf } from './caller';

/** A POST with an Idempotency-Key, as the given authorizer context (undefined: no authorizer) passes it. */
const post = (authorizer: Record<string, unknown> | undefined, body: object = cup, key = 'k-1') => {
  const event = apiEvent('POST', COLLECTION, { body, headers: { 'Idempotency-Key': key } });
  const { authorizer: _default, ...requestContext } = event.requestContext;
  return {
    ...event,
    requestContext: authorizer === undefined ? requestContext : { ...requestContext, authorizer },
  } as APIGatewayProxyEvent;
};
// A Cognito user-pool authorizer passes the token's claims; a Lambda authorizer its principalId.
const cognito = (sub: string) => ({ claims: { sub, client_id: 'app-client', scope: 'catalog/write' } });
const lambdaAuthorizer = (principalId: string) => ({ principalId, integrationLatency: 3 });

describe('POST /api/products with an Idempotency-Key, by caller', () => {
  it('never shows one caller another caller’s replay or 422 for the same key', async () => {
    const world = apiWorld();
    const alice = await world.createProduct(post(cognito('alice')));
    const bob = await world.createProduct(post(cognito('bob'), { ...cup, name: 'Mug' }));
    expect([alice.status, bob.status]).toEqual([201, 201]);
    expect(bob.headers['Idempotent-Replayed']).toBeUndefined();
    expect(bob.body.id).not.toBe(alice.body.id);

    const again = await world.createProduct(post(cognito('alice')));
    expect(again.headers['Idempotent-Replayed']).toBe('true');
    expect(again.body).toEqual(alice.body);
    expect((await world.createProduct(post(cognito('alice'), { ...cup, name: 'Mug' }))).status).toBe(422);
    expect(world.products.size()).toBe(2);
  });

  it('keeps a Lambda authorizer’s principal apart from a Cognito subject of the same name', async () => {
    const world = apiWorld();
    await world.createProduct(post(cognito('same')));
    const other = await world.createProduct(post(lambdaAuthorizer('same'), { ...cup, name: 'Mug' }));
    expect(other.status).toBe(201);
  });

  it('lets callers without an authorizer share one anonymous scope', async () => {
    const world = apiWorld();
    await world.createProduct(post(undefined));
    expect((await world.createProduct(post(undefined, { ...cup, name: 'Mug' }))).status).toBe(422);
    expect(
      (await world.createProduct(post(lambdaAuthorizer('anyone'), { ...cup, name: 'Mug' }))).status,
    ).toBe(201);
  });

  describe('the claim’s lock', () => {
    const claimsOf = async (context: object) => {
      const world = apiWorld();
      const claim = vi.spyOn(world.idempotency, 'claim');
      const handler = buildCreateProductHandler(world.ports);
      const response = await handler(post(cognito('alice')), {
        awsRequestId: 'r-1',
        functionName: 'create-product',
        ...context,
      });
      expect(response.statusCode).toBe(201);
      return claim.mock.calls.map(([, , lockSeconds]) => lockSeconds);
    };

    it('lasts the invocation’s remaining time plus a second', async () => {
      expect(await claimsOf({ getRemainingTimeInMillis: () => 4_200 })).toEqual([6]);
    });

    it('falls back to API Gateway’s 29 s when the context does not tell', async () => {
      expect(await claimsOf({})).toEqual([30]);
    });
  });

  it('answers 500, not 400, when the stored result is corrupt', async () => {
    const world = apiWorld();
    await world.createProduct(post(cognito('alice')));
    const real = world.idempotency.claim.bind(world.idempotency);
    vi.spyOn(world.idempotency, 'claim').mockImplementation(async (...args): Promise<IdempotencyClaim> => {
      const claim = await real(...args);
      return claim.status === 'completed' ? { ...claim, result: { id: 'not-a-product' } } : claim;
    });
    const response = await world.createProduct(post(cognito('alice')));
    expect(response.status).toBe(500);
    expect(response.body.type).toBe('urn:catalog:problem:internal-error');
  });

  it('answers with the write’s own error when freeing the key fails too', async () => {
    const world = apiWorld();
    world.products.failNext('create', new StoreUnavailableError('throttled', 2));
    world.idempotency.failNext('release', new Error('release failed'));
    const response = await world.createProduct(post(cognito('alice')));
    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('2');
  });
});

describe(callerPrincipalOf, () => {
  const event = (authorizer: unknown) =>
    ({ requestContext: authorizer === undefined ? {} : { authorizer } }) as unknown as APIGatewayProxyEvent;

  it.each([
    ['a Cognito user token', { claims: { sub: 'u-1', client_id: 'c' } }, 'cognito:u-1'],
    ['a client-credentials token without sub', { claims: { client_id: 'c-9' } }, 'cognito:c-9'],
    ['a Lambda authorizer', { principalId: 'p-1', anything: 'else' }, 'lambda:p-1'],
    ['no authorizer', undefined, undefined],
    ['an authorizer without a principal', { integrationLatency: 1 }, undefined],
    ['empty claims and principal', { claims: { sub: '' }, principalId: '' }, undefined],
    ['claims that are not an object', { claims: 'sub=x', principalId: 'p-2' }, 'lambda:p-2'],
    ['a null authorizer', null, undefined],
    ['null claims beside a principal', { claims: null, principalId: 'p-3' }, 'lambda:p-3'],
  ])('reads %s', (_, authorizer, principal) => {
    expect(callerPrincipalOf(event(authorizer))).toBe(principal);
  });
});
