import { describe, expect, it } from 'vitest';
import { expectGatewayProblem } from './gateway-refusal';
import { apiClient, e2eTarget } from './target';

const target = e2eTarget();
const api = apiClient(target);

describe('what API Gateway answers itself', () => {
  it('answers an unknown path with a 404 problem and a correlation id', async () => {
    expectGatewayProblem(await api('GET', '/api/nothing-here'), 404, 'route-not-found');
    expectGatewayProblem(await api('GET', '/api/products/a/b'), 404, 'route-not-found');
  });

  it('answers a method the route does not have like an unknown route (a REST API has no 405)', async () => {
    expectGatewayProblem(await api('PATCH', '/api/products', { body: {} }), 404, 'route-not-found');
    expectGatewayProblem(
      await api('POST', '/api/products/4b1e7c9e-0000-4000-8000-000000000000'),
      404,
      'route-not-found',
    );
  });

  it('answers a body over the 10 MB payload limit with 413, closing the connection instead of resetting it', async () => {
    const response = await api('POST', '/api/products', { body: `"${'x'.repeat(10 * 1024 * 1024)}"` });
    expectGatewayProblem(response, 413, 'request-too-large');
    if (target.localOrigin !== undefined) expect(response.headers.get('connection')).toBe('close');
    // The next request is answered as usual.
    expect((await api('GET', '/api/products?limit=1')).status).toBe(200);
  });

  if (target.localOrigin === undefined) {
    console.log(
      '[e2e] not registered: paths without the stage prefix (E2E_BASE_URL already carries the stage)',
    );
  } else {
    const origin = target.localOrigin;
    it('serves the API only under the stage prefix, like an invoke URL', async () => {
      const response = await fetch(`${origin}/api/products`, { headers: target.headers });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-correlation-id')).toMatch(/\S+/);
      expect((await fetch(`${origin}/other-stage/api/products`, { headers: target.headers })).status).toBe(
        404,
      );
    });
  }
});
