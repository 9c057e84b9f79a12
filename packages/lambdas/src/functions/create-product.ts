// Lambda entry point of create-product (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { buildCreateProductHandler } from '../bindings/api-routes';
import { createProductPorts } from '../bindings/roots';

export const handler = buildCreateProductHandler(createProductPorts(process.env));
