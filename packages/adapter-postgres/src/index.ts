export { PostgresClientToken, PostgresIdempotencyRetention } from './tokens';
export {
  PostgresClient,
  poolConfig,
  POSTGRES_CONNECT_TIMEOUT_MS,
  POSTGRES_STATEMENT_TIMEOUT_MS,
  POSTGRES_LOCK_TIMEOUT_MS,
  POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  POSTGRES_VALIDATE_AFTER_IDLE_MS,
  type PostgresClientOptions,
  type PostgresConnectionSettings,
  type Sql,
  type StatementInfo,
  type StatementWrapper,
} from './client';
export { isConnectionLoss, isRetryable, translateStoreError } from './store-errors';
export { PostgresProductRepository } from './postgres-product-repository';
export { PostgresIdempotencyStore } from './postgres-idempotency-store';
export {
  PostgresProductOutbox,
  backoffMs,
  type OutboxBacklog,
  type OutboxEntry,
  type RelayBatchResult,
  type RelayDecision,
} from './postgres-product-outbox';
