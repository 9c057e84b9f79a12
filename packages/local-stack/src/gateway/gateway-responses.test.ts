import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_RESPONSES_FILE, GatewayResponses } from './gateway-responses';

const responses = GatewayResponses.load();
const definitions = JSON.parse(readFileSync(GATEWAY_RESPONSES_FILE, 'utf8')) as {
  responses: Record<
    string,
    { status: number | null; title: string | null; code: string; detail: string | null }
  >;
};

describe(GatewayResponses, () => {
  it.each(['UNAUTHORIZED', 'ACCESS_DENIED', 'MISSING_AUTHENTICATION_TOKEN', 'REQUEST_TOO_LARGE'] as const)(
    'renders %s from the definition Terraform renders, with the request id as correlation id',
    (type) => {
      const definition = definitions.responses[type]!;
      const rendered = responses.render(type, 'gateway message', 'req-1');
      expect(rendered.status).toBe(definition.status);
      expect(rendered.headers).toMatchObject({
        'Content-Type': 'application/problem+json',
        'X-Correlation-Id': 'req-1',
      });
      expect(JSON.parse(rendered.body)).toEqual({
        type: `urn:catalog:problem:${definition.code}`,
        title: definition.title,
        status: definition.status,
        detail: definition.detail ?? 'gateway message',
        correlationId: 'req-1',
      });
    },
  );

  it('gives a failed function the 502 API Gateway answers, titled with its message', () => {
    const rendered = responses.render('DEFAULT_5XX', 'Internal server error', 'req-2');
    expect(rendered.status).toBe(502);
    expect(JSON.parse(rendered.body)).toEqual({
      type: 'urn:catalog:problem:gateway-error',
      title: 'Internal server error',
      detail: 'Internal server error',
      correlationId: 'req-2',
    });
  });
});
