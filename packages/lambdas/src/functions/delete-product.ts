// Lambda entry point of delete-product (handler index.handler). The container is built once per execution
// environment, at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { buildDeleteProductHandler } from '../bindings/api-routes';
import { deleteProductPorts } from '../bindings/roots';

export const handler = buildDeleteProductHandler(deleteProductPorts(process.env));
