// Lambda entry point of put-product (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { buildPutProductHandler } from '../bindings/api-routes';
import { putProductPorts } from '../bindings/roots';

export const handler = buildPutProductHandler(putProductPorts(process.env));
