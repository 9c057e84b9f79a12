import { Clock, IdGenerator, IdempotencyStore, ProductRepository } from '@catalog/ports';
import type { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { refusedEvent } from '../http/api-gateway.test-support';
import type { ApiHandler } from '../http/edge';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
} from './api-routes';
import {
  createProductPorts,
  deleteProductPorts,
  getProductPorts,
  listProductsPorts,
  putProductPorts,
} from './roots';

const apiEnv = { PRODUCTS_TABLE_NAME: 'catalog-test-products', AWS_REGION: 'eu-west-1', LOG_LEVEL: 'error' };
const listEnv = { ...apiEnv, CURSOR_SIGNING_KEY: 'a-local-cursor-key-of-32-bytes!!' };
const createEnv = { ...apiEnv, IDEMPOTENCY_TABLE_NAME: 'catalog-test-idempotency' };
const quiet = { writeMetrics: () => undefined };

type Ports = (env: Record<string, string>, options: typeof quiet) => Container;
type Build = (ports: Container) => ApiHandler;

const roots: [string, Ports, Build, Record<string, string>, symbol[]][] = [
  [
    'create-product',
    createProductPorts,
    buildCreateProductHandler,
    createEnv,
    [ProductRepository, IdempotencyStore, Clock, IdGenerator],
  ],
  ['put-product', putProductPorts, buildPutProductHandler, apiEnv, [ProductRepository, Clock]],
  ['get-product', getProductPorts, buildGetProductHandler, apiEnv, [ProductRepository]],
  ['list-products', listProductsPorts, buildListProductsHandler, listEnv, [ProductRepository]],
  ['delete-product', deleteProductPorts, buildDeleteProductHandler, apiEnv, [ProductRepository, Clock]],
];
const PORTS = [ProductRepository, IdempotencyStore, Clock, IdGenerator];

describe('composition roots', () => {
  describe.each(roots)('%s', (name, ports, build, env, needed) => {
    it('resolves its handler from its own bindings, without touching the network', async () => {
      const container = ports(env, quiet);
      const handler = build(container);
      const response = await handler(refusedEvent, {
        awsRequestId: 'r',
        functionName: name,
      });
      expect(response.statusCode).toBe(400);
    });

    it('binds exactly the ports its use case needs', () => {
      const container = ports(env, quiet);
      for (const port of PORTS)
        expect([port, container.isBound(port)]).toEqual([port, needed.includes(port)]);
    });

    it('fails at init naming the missing table variable', () => {
      expect(() => ports({ AWS_REGION: 'eu-west-1' }, quiet)).toThrow(
        /PRODUCTS_TABLE_NAME is required but not set/,
      );
    });
  });

  it('create-product also requires the idempotency table and a sane TTL', () => {
    expect(() => createProductPorts({ ...apiEnv, IDEMPOTENCY_TTL_SECONDS: '10' }, quiet)).toThrow(
      /IDEMPOTENCY_TABLE_NAME is required but not set; IDEMPOTENCY_TTL_SECONDS must be an integer from 60 to 604800 \(got "10"\)/,
    );
  });

  it.each([
    [{ DYNAMODB_ENDPOINT: 'localhost:8000' }, /DYNAMODB_ENDPOINT must be an http\(s\) URL/],
    [{ CURSOR_SIGNING_KEY: 'short' }, /CURSOR_SIGNING_KEY must be at least 16 bytes long/],
    [{ LOG_LEVEL: 'trace' }, /LOG_LEVEL must be one of debug, info, warn, error/],
  ])('refuses %j with a message naming the variable', (extra, message) => {
    expect(() => listProductsPorts({ ...listEnv, ...extra }, quiet)).toThrow(message);
  });
});
