import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The response types the local stack answers itself, as API Gateway would. */
export type GatewayResponseType =
  'UNAUTHORIZED' | 'ACCESS_DENIED' | 'MISSING_AUTHENTICATION_TOKEN' | 'REQUEST_TOO_LARGE' | 'DEFAULT_5XX';

interface Definition {
  readonly status: number | null;
  readonly title: string | null;
  readonly code: string;
  readonly detail: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

interface Definitions {
  readonly contentType: string;
  readonly typePrefix: string;
  readonly responses: Readonly<Record<string, Definition>>;
}

/** The one definition Terraform's gateway responses are rendered from (terraform/modules/rest-api). */
export const GATEWAY_RESPONSES_FILE = fileURLToPath(
  new URL('../../../../terraform/modules/rest-api/gateway-responses.json', import.meta.url),
);

// What API Gateway's own status is for a response type whose definition leaves it to API Gateway.
const IMPLIED_STATUS: Partial<Record<GatewayResponseType, number>> = { DEFAULT_5XX: 502 };

export interface RenderedGatewayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Renders gateway responses the way API Gateway renders responses.tf's templates: `message` stands for
 * `$context.error.messageString`, `requestId` for `$context.requestId`.
 */
export class GatewayResponses {
  private constructor(private readonly definitions: Definitions) {}

  static load(file = GATEWAY_RESPONSES_FILE): GatewayResponses {
    const definitions = JSON.parse(readFileSync(file, 'utf8')) as Definitions;
    for (const type of [
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'MISSING_AUTHENTICATION_TOKEN',
      'REQUEST_TOO_LARGE',
    ]) {
      if (typeof definitions.responses[type]?.status !== 'number')
        throw new Error(`${file} must define ${type} with a status`);
    }
    return new GatewayResponses(definitions);
  }

  render(type: GatewayResponseType, message: string, requestId: string): RenderedGatewayResponse {
    const definition = this.definitions.responses[type];
    if (definition === undefined) throw new Error(`No gateway response ${type} is defined`);
    const status = definition.status ?? IMPLIED_STATUS[type] ?? 500;
    const body = {
      type: `${this.definitions.typePrefix}${definition.code}`,
      title: definition.title ?? message,
      ...(definition.status === null ? {} : { status }),
      detail: definition.detail ?? message,
      correlationId: requestId,
    };
    return {
      status,
      headers: {
        'Content-Type': this.definitions.contentType,
        'X-Correlation-Id': requestId,
        ...definition.headers,
      },
      body: JSON.stringify(body),
    };
  }
}
