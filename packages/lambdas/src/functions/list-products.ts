// Lambda entry point of list-products (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class. The cursor signing key is
// read from SSM Parameter Store while the container is built, once (top-level await: Lambda waits for it
// during init).
import 'reflect-metadata/lite';
import { buildListProductsHandler } from '../bindings/api-routes';
import { listProductsPortsReadingSecret } from '../bindings/roots';

export const handler = buildListProductsHandler(await listProductsPortsReadingSecret(process.env));
