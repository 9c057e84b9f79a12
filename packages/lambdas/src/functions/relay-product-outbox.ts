// Lambda entry point of relay-product-outbox (handler index.handler), started by a schedule: publishes the
// PostgreSQL outbox's changes as product events. The container is built once per execution environment,
// at init; reflect-metadata must load before any decorated class.
import 'reflect-metadata/lite';
import { createOutboxRelay, relayProductOutboxPorts } from '../relay/relay-product-outbox-root';

export const handler = createOutboxRelay(relayProductOutboxPorts(process.env)).handler;
