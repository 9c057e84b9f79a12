// Hand-written API handlers, the baseline for warm overhead: the same work as the real GET and POST
// handlers (header normalisation, correlation id, media type / size / JSON / unknown-field checks, the
// domain's value objects, the same store call, problem+json, ETag/Location, one JSON access log line and an
// EMF line per write) with no container, no class-validator, no winston and no shared edge.
import { randomUUID } from 'node:crypto';
import { createProduct, isDomainError, parseProductDetails, ProductId } from '@catalog/domain';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_TYPE = /^application\/json(\s*;\s*charset=utf-8)?$/i;
const BODY_KEYS = new Set(['name', 'description', 'price']);
const PRICE_KEYS = new Set(['amount', 'currency']);
const STATUS = { invariant_violated: 400, not_found: 404, conflict: 409, precondition_failed: 412 };

const headersOf = (event) => {
  const headers = {};
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {}))
    headers[name.toLowerCase()] = values.join(', ');
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

export const handWrittenHandlers = ({
  products,
  ids,
  clock,
  writeLog,
  writeMetrics,
  serviceName = 'catalog',
}) => {
  let coldStart = true;
  const respond = (event, context, correlationId, started, status, body, headers = {}) => {
    const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
    const line = {
      level: 'info',
      message: status >= 400 ? 'request refused' : 'request completed',
      service: serviceName,
      requestId: context.awsRequestId,
      functionName: context.functionName,
      coldStart,
      correlationId,
      apiRequestId: event.requestContext?.requestId,
      method: event.httpMethod,
      path: event.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      timestamp: new Date().toISOString(),
    };
    coldStart = false;
    writeLog(`${JSON.stringify(line)}\n`);
    return {
      statusCode: status,
      headers: { ...headers, 'X-Correlation-Id': correlationId, 'Content-Type': contentType },
      body: JSON.stringify(body),
    };
  };
  const problem = (status, code, detail, correlationId, errors) => ({
    type: `urn:catalog:problem:${code}`,
    title: String(status),
    status,
    detail,
    correlationId,
    ...(errors ? { errors } : {}),
  });
  const fail = (event, context, correlationId, started, error) => {
    const status = isDomainError(error) ? (STATUS[error.kind] ?? 500) : 500;
    const body = problem(
      status,
      'x',
      status === 500 ? 'unexpected' : error.message,
      correlationId,
      error.issues,
    );
    return respond(event, context, correlationId, started, status, body);
  };
  const begin = (event) => {
    const headers = headersOf(event);
    const given = headers['x-correlation-id'];
    return { headers, correlationId: given && CORRELATION_ID.test(given) ? given : randomUUID() };
  };

  const get = async (event, context) => {
    const started = performance.now();
    const { correlationId } = begin(event);
    try {
      const id = ProductId.parse(event.pathParameters?.id);
      const product = await products.get(id);
      if (!product)
        return respond(
          event,
          context,
          correlationId,
          started,
          404,
          problem(404, 'not-found', 'absent', correlationId),
        );
      return respond(event, context, correlationId, started, 200, productJson(product), {
        ETag: `"${product.version}"`,
      });
    } catch (error) {
      return fail(event, context, correlationId, started, error);
    }
  };

  const post = async (event, context) => {
    const started = performance.now();
    const { headers, correlationId } = begin(event);
    try {
      const raw = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
        : (event.body ?? '');
      if (raw.length === 0)
        return respond(
          event,
          context,
          correlationId,
          started,
          400,
          problem(400, 'body-required', 'no body', correlationId),
        );
      if (Buffer.byteLength(raw) > 16_384)
        return respond(
          event,
          context,
          correlationId,
          started,
          413,
          problem(413, 'too-large', 'too large', correlationId),
        );
      if (!JSON_TYPE.test(headers['content-type'] ?? ''))
        return respond(
          event,
          context,
          correlationId,
          started,
          415,
          problem(415, 'media-type', 'not JSON', correlationId),
        );
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return respond(
          event,
          context,
          correlationId,
          started,
          400,
          problem(400, 'malformed-json', 'bad JSON', correlationId),
        );
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return respond(
          event,
          context,
          correlationId,
          started,
          400,
          problem(400, 'validation', 'not an object', correlationId),
        );
      }
      const unknown = [
        ...Object.keys(body).filter((key) => !BODY_KEYS.has(key)),
        ...(typeof body.price === 'object' && body.price !== null
          ? Object.keys(body.price)
              .filter((key) => !PRICE_KEYS.has(key))
              .map((key) => `price.${key}`)
          : []),
      ];
      if (unknown.length > 0) {
        const errors = unknown.map((field) => ({ field, message: 'is not allowed' }));
        return respond(
          event,
          context,
          correlationId,
          started,
          400,
          problem(400, 'validation', 'unknown fields', correlationId, errors),
        );
      }
      const product = createProduct(ids.newProductId(), parseProductDetails(body), clock.now());
      await products.put(product, { correlationId }, { createOnly: true });
      writeMetrics(
        JSON.stringify({
          _aws: {
            Timestamp: Date.now(),
            CloudWatchMetrics: [
              {
                Namespace: 'Catalog',
                Dimensions: [['service']],
                Metrics: [{ Name: 'ProductsCreated', Unit: 'Count' }],
              },
            ],
          },
          service: serviceName,
          ProductsCreated: 1,
        }),
      );
      const location = `/api/products/${product.id}`;
      return respond(event, context, correlationId, started, 201, productJson(product), {
        ETag: `"${product.version}"`,
        Location: location,
      });
    } catch (error) {
      return fail(event, context, correlationId, started, error);
    }
  };

  return { get, post };
};
