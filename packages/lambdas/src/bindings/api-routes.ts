import { CreateProduct, DeleteProduct, GetProduct, ListProducts, PutProduct } from '@catalog/application';
import { Container, ContainerModule, type Newable } from 'inversify';
import { CreateProductRoute } from '../http/create-product-route';
import { DeleteProductRoute } from '../http/delete-product-route';
import { HttpEdge, type ApiHandler } from '../http/edge';
import { GetProductRoute } from '../http/get-product-route';
import { ListProductsRoute } from '../http/list-products-route';
import { PutProductRoute } from '../http/put-product-route';
import { Route } from '../http/route';

// The calls below are marked pure so that a function's bundle keeps only the route it serves.

/** One route: its use case, its HTTP mapping and the shared edge. The ports come from elsewhere. */
const routeModule = (useCase: Newable, route: Newable<Route>): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(useCase).toSelf().inSingletonScope();
    bind(Route).to(route).inSingletonScope();
    bind(HttpEdge).toSelf().inSingletonScope();
  });

export const createProductRouteModule = /* @__PURE__ */ routeModule(CreateProduct, CreateProductRoute);
export const putProductRouteModule = /* @__PURE__ */ routeModule(PutProduct, PutProductRoute);
export const getProductRouteModule = /* @__PURE__ */ routeModule(GetProduct, GetProductRoute);
export const listProductsRouteModule = /* @__PURE__ */ routeModule(ListProducts, ListProductsRoute);
export const deleteProductRouteModule = /* @__PURE__ */ routeModule(DeleteProduct, DeleteProductRoute);

/**
 * Builds a route's handler on top of `ports`, a container that binds the ports its use case needs
 * (repository, idempotency store, clock, id generator) and observability (Logger, Metrics, Tracer). The
 * route lives in a child container, so one `ports` container can serve every route. Resolving here, once,
 * means a missing binding fails at init, not on the first request.
 */
const handlerBuilder =
  (module: ContainerModule) =>
  (ports: Container): ApiHandler => {
    const container = new Container({ parent: ports, defaultScope: 'Singleton' });
    container.load(module);
    return container.get(HttpEdge).handlerFor(container.get<Route>(Route));
  };

/** Needs ProductRepository, IdempotencyStore, IdGenerator, Clock and observability. */
export const buildCreateProductHandler = /* @__PURE__ */ handlerBuilder(createProductRouteModule);
/** Needs ProductRepository, Clock and observability. */
export const buildPutProductHandler = /* @__PURE__ */ handlerBuilder(putProductRouteModule);
/** Needs ProductRepository and observability. */
export const buildGetProductHandler = /* @__PURE__ */ handlerBuilder(getProductRouteModule);
/** Needs ProductRepository and observability. */
export const buildListProductsHandler = /* @__PURE__ */ handlerBuilder(listProductsRouteModule);
/** Needs ProductRepository and observability. */
export const buildDeleteProductHandler = /* @__PURE__ */ handlerBuilder(deleteProductRouteModule);
