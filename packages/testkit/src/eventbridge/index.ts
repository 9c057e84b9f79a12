export * from './local-event-bridge';
export {
  MAX_ENTRIES,
  MAX_REQUEST_BYTES,
  PUT_EVENTS_TARGET,
  wireEntrySize,
  type WireEntry,
} from './put-events-protocol';
