// Lambda entry point of publish-product-events (handler index.handler), triggered by the products table's
// stream. The container is built once per execution environment, at init; reflect-metadata must load
// before any decorated class.
import 'reflect-metadata';
import {
  createPublishProductEventsHandler,
  publishProductEventsPorts,
} from '../stream/publish-product-events-root';

export const handler = createPublishProductEventsHandler(publishProductEventsPorts(process.env));
