import type { ContainerModule } from 'inversify';
import type { BaseConfig } from '../config/env';
import { ConfigError, loadConfig } from '../config/env';
import { readPersistence, type PersistenceKind } from '../config/postgres';

type Environment = Readonly<Record<string, string | undefined>>;

/** What a persistence gives a composition root: the base configuration and the modules binding the ports. */
export interface PersistencePorts {
  readonly base: BaseConfig;
  readonly modules: readonly ContainerModule[];
}

/** One store behind the ProductRepository and IdempotencyStore ports, configured from the environment. */
export interface Persistence {
  /** ProductRepository (and its client), with a cursor key of its own: for functions that never list. */
  products(env: Environment): PersistencePorts;
  /** ProductRepository signing cursors with the environment's secret (CURSOR_SIGNING_KEY): list-products. */
  listing(env: Environment): PersistencePorts;
  /** ProductRepository and IdempotencyStore (create-product). */
  productsAndIdempotency(env: Environment): PersistencePorts;
}

export type AvailablePersistence = Partial<Record<PersistenceKind, Persistence>>;

/**
 * The persistence PERSISTENCE names (default dynamodb), among those this bundle holds: a function is built
 * once per persistence (each bundle carries one store's client only), so a bundle asked for the other one
 * fails its cold start with a message that says which package to deploy.
 */
export const selectPersistence = (env: Environment, available: AvailablePersistence): Persistence => {
  const kind = loadConfig(readPersistence, env);
  const persistence = available[kind];
  if (persistence !== undefined) return persistence;
  const built = Object.keys(available).join(', ');
  throw new ConfigError([
    `PERSISTENCE is ${kind}, but this package was built for ${built} only: deploy the ${kind} build of the function` +
      (kind === 'postgres' ? ' (build/functions/postgres/<name>.zip)' : ' (build/functions/<name>.zip)'),
  ]);
};
