// Hand-written API handlers, the baseline for warm overhead: the same work as the real GET and POST
// handlers (header normalisation, correlation id, media type / size / JSON / unknown-field checks, the
// domain's value objects, the same store call, problem+json, ETag/Location, one JSON access log line and an
// EMF line per write) with no container, no class-validator, no Logger and no shared edge.
import { randomUUID } from 'node:crypto';
import { isDomainError, parseProductDetails, ProductId, VersionConflictError } from '@catalog/domain';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_TYPE = /^application\/json(\s*;\s*charset=utf-8)?$/i;
const BODY_KEYS = new Set(['name', 'description', 'price']);
const PRICE_KEYS = new Set(['amount', 'currency']);
const VERSION_TAG = /^"([1-9][0-9]{0,14})"$/;
const STATUS = { invariant_violated: 400, not_found: 404, conflict: 409, precondition_failed: 412 };

class Refusal extends Error {
  constructor(status, code, detail, errors) {
    super(detail);
    Object.assign(this, { status, code, errors });
  }
}

const headersOf = (event) => {
  const headers = {};
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.join(', ');
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] ??= value;
  return headers;
};

const productJson = (p) => ({
  id: p.id,
  name: p.name,
  ...(p.description === undefined ? {} : { description: p.description }),
  price: { amount: p.price.amount, currency: p.price.currency },
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const unknownFields = (body) => [
  ...Object.keys(body).filter((key) => !BODY_KEYS.has(key)),
  ...(typeof body.price === 'object' && body.price !== null
    ? Object.keys(body.price)
        .filter((key) => !PRICE_KEYS.has(key))
        .map((key) => `price.${key}`)
    : []),
];

const parseBody = (event, headers) => {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (raw.length === 0) throw new Refusal(400, 'body-required', 'no body');
  if (Buffer.byteLength(raw) > 16_384) throw new Refusal(413, 'body-too-large', 'too large');
  if (!JSON_TYPE.test(headers['content-type'] ?? '')) throw new Refusal(415, 'media-type', 'not JSON');
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new Refusal(400, 'malformed-json', 'bad JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Refusal(400, 'validation-failed', 'not an object');
  }
  const unknown = unknownFields(body);
  if (unknown.length > 0) {
    const errors = unknown.map((field) => ({ field, message: 'is not allowed' }));
    throw new Refusal(400, 'validation-failed', 'unknown fields', errors);
  }
  return body;
};

// The repository calls of a PUT, as the real use case makes them; a lost condition is a 412.
const putWrite = async (products, clock, { id, details, write, ifMatch, createOnly }) => {
  const create = async () => ({
    product: await products.create(id, details, clock.now(), write),
    created: true,
  });
  const replace = (expectedVersion) => products.replace(id, details, clock.now(), write, { expectedVersion });
  try {
    if (createOnly) return await create();
    if (ifMatch !== undefined) return await replace(ifMatch === '*' ? 'any' : ifMatch);
  } catch (error) {
    if (error instanceof VersionConflictError) throw new Refusal(412, 'precondition-failed', error.message);
    throw error;
  }
  try {
    return await replace('any');
  } catch (error) {
    if (!(error instanceof VersionConflictError) || error.found !== 'absent') throw error;
    return create();
  }
};

export const handWrittenHandlers = ({
  products,
  ids,
  clock,
  writeLog,
  writeMetrics,
  serviceName = 'catalog',
}) => {
  let coldStart = true;

  // Runs `work` (which returns { status, body, headers }) and does what every response needs.
  const serve = async (event, context, work) => {
    const started = performance.now();
    const headers = headersOf(event);
    const given = headers['x-correlation-id'];
    const correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
    let result;
    try {
      result = await work(headers, correlationId);
    } catch (error) {
      const status =
        error instanceof Refusal ? error.status : isDomainError(error) ? (STATUS[error.kind] ?? 500) : 500;
      const body = {
        type: `urn:catalog:problem:${error.code ?? 'internal-error'}`,
        title: String(status),
        status,
        detail: status === 500 ? 'unexpected' : error.message,
        correlationId,
        ...((error.errors ?? error.issues) ? { errors: error.errors ?? error.issues } : {}),
      };
      result = { status, body, headers: {} };
    }
    const line = {
      level: 'info',
      message: result.status >= 400 ? 'request refused' : 'request completed',
      service: serviceName,
      requestId: context.awsRequestId,
      functionName: context.functionName,
      coldStart,
      correlationId,
      apiRequestId: event.requestContext?.requestId,
      method: event.httpMethod,
      path: event.path,
      status: result.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      timestamp: new Date().toISOString(),
    };
    coldStart = false;
    writeLog(`${JSON.stringify(line)}\n`);
    const contentType = result.status >= 400 ? 'application/problem+json' : 'application/json';
    return {
      statusCode: result.status,
      headers: { ...result.headers, 'X-Correlation-Id': correlationId, 'Content-Type': contentType },
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
  };

  const get = (event, context) =>
    serve(event, context, async () => {
      const product = await products.get(ProductId.parse(event.pathParameters?.id));
      if (!product) throw new Refusal(404, 'product-not-found', 'absent');
      return { status: 200, body: productJson(product), headers: { ETag: `"${product.version}"` } };
    });

  const post = (event, context) =>
    serve(event, context, async (headers, correlationId) => {
      const body = parseBody(event, headers);
      const product = await products.create(ids.newProductId(), parseProductDetails(body), clock.now(), {
        correlationId,
      });
      const metric = {
        Namespace: 'Catalog',
        Dimensions: [['service']],
        Metrics: [{ Name: 'ProductsCreated', Unit: 'Count' }],
      };
      writeMetrics(
        JSON.stringify({
          _aws: { Timestamp: Date.now(), CloudWatchMetrics: [metric] },
          service: serviceName,
          ProductsCreated: 1,
        }),
      );
      const location = `/api/products/${product.id}`;
      return {
        status: 201,
        body: productJson(product),
        headers: { ETag: `"${product.version}"`, Location: location },
      };
    });

  const ifMatchOf = (headers) => {
    const header = headers['if-match']?.trim();
    if (header === undefined || header === '*') return header;
    const match = VERSION_TAG.exec(header);
    if (!match) throw new Refusal(400, 'validation-failed', 'bad If-Match');
    return Number(match[1]);
  };

  const writeMetric = (name) =>
    writeMetrics(
      `{"_aws":{"Timestamp":${Date.now()},"CloudWatchMetrics":[{"Namespace":"Catalog","Dimensions":[["service"]],"Metrics":[{"Name":"${name}","Unit":"Count"}]}]},"service":"${serviceName}","${name}":1}`,
    );

  // Create or replace with If-Match / If-None-Match: *, the same repository calls as the real use case.
  const put = (event, context) =>
    serve(event, context, async (headers, correlationId) => {
      const id = ProductId.parse(event.pathParameters?.id);
      const ifMatch = ifMatchOf(headers);
      const createOnly = headers['if-none-match']?.trim() === '*';
      const details = parseProductDetails(parseBody(event, headers));
      const result = await putWrite(products, clock, {
        id,
        details,
        write: { correlationId },
        ifMatch,
        createOnly,
      });
      const { product } = result;
      if (result.created) writeMetric('ProductsCreated');
      else if (result.changedFields.length > 0) writeMetric('ProductsUpdated');
      const etag = { ETag: `"${product.version}"` };
      return result.created
        ? {
            status: 201,
            body: productJson(product),
            headers: { ...etag, Location: `/api/products/${product.id}` },
          }
        : { status: 200, body: productJson(product), headers: etag };
    });

  const list = (event, context) =>
    serve(event, context, async () => {
      const query = event.multiValueQueryStringParameters ?? {};
      const [rawLimit, ...moreLimits] = query.limit ?? [];
      const [cursor, ...moreCursors] = query.cursor ?? [];
      if (moreLimits.length > 0 || moreCursors.length > 0)
        throw new Refusal(400, 'validation-failed', 'twice');
      if (rawLimit !== undefined && !/^[0-9]{1,6}$/.test(rawLimit))
        throw new Refusal(400, 'validation-failed', 'limit');
      const limit = rawLimit === undefined ? 20 : Number(rawLimit);
      if (limit < 1 || limit > 100) throw new Refusal(400, 'validation-failed', 'limit');
      const page = await products.list(cursor ? { limit, cursor } : { limit });
      return {
        status: 200,
        body: { items: page.items.map(productJson), nextCursor: page.nextCursor ?? null },
      };
    });

  const del = (event, context) =>
    serve(event, context, async (headers, correlationId) => {
      const id = ProductId.parse(event.pathParameters?.id);
      const ifMatch = ifMatchOf(headers);
      const expected = typeof ifMatch === 'number' ? { expectedVersion: ifMatch } : {};
      let removed;
      try {
        removed = await products.delete(id, clock.now(), { correlationId }, expected);
      } catch (error) {
        if (error instanceof VersionConflictError)
          throw new Refusal(412, 'precondition-failed', error.message);
        throw error;
      }
      if (removed === undefined && ifMatch === '*') throw new Refusal(412, 'precondition-failed', 'absent');
      if (removed !== undefined) writeMetric('ProductsDeleted');
      return { status: 204, body: undefined, headers: {} };
    });

  return { get, post, put, list, del };
};
