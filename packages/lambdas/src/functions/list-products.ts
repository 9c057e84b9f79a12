// Lambda entry point of list-products (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { buildListProductsHandler } from '../bindings/api-routes';
import { listProductsPorts } from '../bindings/roots';

export const handler = buildListProductsHandler(listProductsPorts(process.env));
