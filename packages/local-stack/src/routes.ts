import type { ProxyHandler } from './api-server';

/** The function behind each route. */
export interface ApiHandlers {
  readonly createProduct: ProxyHandler;
  readonly listProducts: ProxyHandler;
  readonly getProduct: ProxyHandler;
  readonly putProduct: ProxyHandler;
  readonly deleteProduct: ProxyHandler;
}

/** The REST API's routes and the function behind each, as terraform/modules/rest-api declares them. */
export const apiRoutes = (handlers: ApiHandlers) => [
  {
    method: 'POST',
    resource: '/api/products',
    functionName: 'create-product',
    handler: handlers.createProduct,
  },
  { method: 'GET', resource: '/api/products', functionName: 'list-products', handler: handlers.listProducts },
  {
    method: 'GET',
    resource: '/api/products/{id}',
    functionName: 'get-product',
    handler: handlers.getProduct,
  },
  {
    method: 'PUT',
    resource: '/api/products/{id}',
    functionName: 'put-product',
    handler: handlers.putProduct,
  },
  {
    method: 'DELETE',
    resource: '/api/products/{id}',
    functionName: 'delete-product',
    handler: handlers.deleteProduct,
  },
];
