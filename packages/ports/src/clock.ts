/** The current time; injected so that use cases and tests agree on it. */
export interface Clock {
  now(): Date;
}
export const Clock = Symbol.for('catalog.Clock');
