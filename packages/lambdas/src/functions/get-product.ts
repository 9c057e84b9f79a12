// Lambda entry point of get-product (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { buildGetProductHandler } from '../bindings/api-routes';
import { getProductPorts } from '../bindings/roots';

export const handler = buildGetProductHandler(getProductPorts(process.env));
