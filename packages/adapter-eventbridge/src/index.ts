export { EventBridgeProductEventPublisher } from './eventbridge-product-event-publisher';
export { EventBridgeSdkClient, ProductEventBusSettings, TraceHeaderProvider } from './tokens';
export {
  createEventBridgeClient,
  EVENTBRIDGE_CONNECTION_TIMEOUT_MS,
  EVENTBRIDGE_REQUEST_TIMEOUT_MS,
  type EventBridgeClientOptions,
} from './client';
export {
  entrySize,
  MAX_CALL_BYTES,
  MAX_ENTRIES_PER_CALL,
  toPutEventsEntry,
  type ProductEventBus,
} from './put-events-entry';
export { DEFAULT_RETRY_SETTINGS, type PutEventsRetrySettings } from './retry-policy';
