import type { ProductEventBus } from './put-events-entry';
import type { PutEventsRetrySettings } from './retry-policy';

/** The EventBridgeClient the publisher sends through (see createEventBridgeClient). */
export const EventBridgeSdkClient = Symbol.for('catalog.EventBridgeSdkClient');

/** The bus and source product events go to, and optionally how hard to retry. */
export interface ProductEventBusSettings extends ProductEventBus {
  readonly retry?: Partial<PutEventsRetrySettings>;
}
export const ProductEventBusSettings = Symbol.for('catalog.ProductEventBusSettings');

/** The X-Ray trace header of the current invocation, if tracing is on; read once per `publish`. */
export type TraceHeaderProvider = () => string | undefined;
export const TraceHeaderProvider = Symbol.for('catalog.TraceHeaderProvider');
