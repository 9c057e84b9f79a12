import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** One HTTP response as a test saw it, and which operation of the spec answered it. */
export interface ObservedResponse {
  /** The spec's operationId, e.g. `createProduct`. */
  readonly operationId: string;
  readonly status: number;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent; '' for none. */
  readonly body: string;
}

/**
 * `function`: the response is what a function returned, so every header must be one the spec declares.
 * `http`: it went through a server (the local stack, API Gateway), which adds transport headers.
 */
export type ContractMode = 'function' | 'http';

type Json = Record<string, unknown>;
interface HeaderSpec {
  readonly required?: boolean;
  readonly schema: Json;
}
interface ResponseSpec {
  readonly headers?: Readonly<Record<string, HeaderSpec>>;
  readonly content?: Readonly<Record<string, { readonly schema: Json }>>;
}

// Added by HTTP servers and API Gateway, never by the functions.
const TRANSPORT_HEADERS =
  /^(?:date|connection|keep-alive|content-length|transfer-encoding|server|via|vary|x-cache|x-amz-[a-z-]+|x-amzn-[a-z-]+)$/i;
// A JSON Schema inside OpenAPI 3.1 may carry these annotations besides the vocabulary Ajv knows.
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
const DEFAULT_SPEC = fileURLToPath(new URL('../../../../docs/api/openapi.yaml', import.meta.url));

/** docs/api/openapi.yaml as an executable contract: which responses each operation may give. */
export class ApiContract {
  private readonly validators = new WeakMap<object, ValidateFunction>();
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true, keywords: OPENAPI_KEYWORDS });

  private constructor(
    private readonly operations: ReadonlyMap<string, Readonly<Record<string, ResponseSpec>>>,
  ) {
    addFormats(this.ajv);
  }

  /** Loads the spec, refusing it unless it is a valid OpenAPI document, and resolves its `$ref`s. */
  static async load(path: string = DEFAULT_SPEC): Promise<ApiContract> {
    const document = parse(await readFile(path, 'utf8')) as Json;
    const validator = new Validator();
    const result = await validator.validate(document);
    if (!result.valid)
      throw new Error(`${path} is not a valid OpenAPI document: ${JSON.stringify(result.errors)}`);
    const resolved = validator.resolveRefs() as { paths: Record<string, Record<string, unknown>> };
    const operations = new Map<string, Record<string, ResponseSpec>>();
    for (const item of Object.values(resolved.paths)) {
      for (const operation of Object.values(item)) {
        const { operationId, responses } = (operation ?? {}) as { operationId?: string; responses?: object };
        if (operationId !== undefined && responses !== undefined) {
          operations.set(operationId, responses as Record<string, ResponseSpec>);
        }
      }
    }
    return new ApiContract(operations);
  }

  /** Every way the response departs from the spec (empty when it conforms). */
  problemsOf(response: ObservedResponse, mode: ContractMode = 'function'): string[] {
    const responses = this.operations.get(response.operationId);
    if (responses === undefined) return [`the spec has no operation ${response.operationId}`];
    const status = String(response.status);
    const spec = responses[status] ?? responses[`${status[0] ?? ''}XX`] ?? responses.default;
    if (spec === undefined) return [`${response.operationId} does not describe status ${status}`];
    const headers = new Map(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return [...this.headerProblems(spec, headers, mode), ...this.bodyProblems(spec, headers, response)].map(
      (problem) => `${response.operationId} ${status}: ${problem}`,
    );
  }

  /** Throws, listing every departure, unless the response is one the spec describes. */
  assert(response: ObservedResponse, mode: ContractMode = 'function'): void {
    const problems = this.problemsOf(response, mode);
    if (problems.length > 0)
      throw new Error(`Response breaks docs/api/openapi.yaml:\n  ${problems.join('\n  ')}`);
  }

  private headerProblems(
    spec: ResponseSpec,
    headers: ReadonlyMap<string, string>,
    mode: ContractMode,
  ): string[] {
    const declared = new Map(
      Object.entries(spec.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
    );
    const problems: string[] = [];
    for (const [name, header] of declared) {
      const value = headers.get(name);
      if (value === undefined) {
        if (header.required === true) problems.push(`header ${name} is required but missing`);
        continue;
      }
      const typed = header.schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      problems.push(...this.schemaProblems(header.schema, typed, `header ${name}`));
    }
    for (const name of headers.keys()) {
      if (declared.has(name) || name === 'content-type') continue;
      if (mode === 'http' && TRANSPORT_HEADERS.test(name)) continue;
      problems.push(`header ${name} is not declared`);
    }
    return problems;
  }

  private bodyProblems(
    spec: ResponseSpec,
    headers: ReadonlyMap<string, string>,
    response: ObservedResponse,
  ): string[] {
    const contentType = headers.get('content-type');
    if (spec.content === undefined) {
      return response.body === ''
        ? []
        : [`has a body (${contentType ?? 'no Content-Type'}) but the spec describes none`];
    }
    if (contentType === undefined) return ['has no Content-Type'];
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const content = spec.content[mediaType];
    if (content === undefined)
      return [`Content-Type ${mediaType} is not one of ${Object.keys(spec.content).join(', ')}`];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [`body is not JSON: ${response.body.slice(0, 80)}`];
    }
    const problems = this.schemaProblems(content.schema, body, 'body');
    // RFC 9457: a problem's `status` is the response's status.
    const { status } = (body ?? {}) as { status?: unknown };
    if (mediaType === 'application/problem+json' && status !== undefined && status !== response.status) {
      problems.push(`body.status ${JSON.stringify(status)} differs from the response status`);
    }
    return problems;
  }

  private schemaProblems(schema: Json, value: unknown, what: string): string[] {
    let validate = this.validators.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) => `${what}${error.instancePath} ${error.message ?? 'is invalid'}`,
    );
  }
}
