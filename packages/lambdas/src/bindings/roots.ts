import type { SSMClient } from '@aws-sdk/client-ssm';
import { Container } from 'inversify';
import { Tracer } from '../observability/tracing';
import { AVAILABLE_PERSISTENCE } from './available-persistence';
import { withCursorSigningKey } from './cursor-signing-key';
import { observabilityModule, type ObservabilityOptions } from './observability';
import { selectPersistence, type PersistencePorts } from './persistence';
import { createSsmClient, ssmParameterReader } from './ssm';
import { clockModule, idGeneratorModule } from './system';

type Environment = Readonly<Record<string, string | undefined>>;

// Each function's composition root: its configuration, read and validated once (a ConfigError names every
// missing or malformed variable), and only the ports its use case needs, on the store PERSISTENCE picks.
// The route itself is added by the matching build*Handler in api-routes.ts.

const portsOf = ({ base, modules }: PersistencePorts, options: ObservabilityOptions): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(observabilityModule(base, options), ...modules);
  return container;
};

const productsPorts = (env: Environment, options: ObservabilityOptions): Container =>
  portsOf(selectPersistence(env, AVAILABLE_PERSISTENCE).products(env), options);

export const createProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const persistence = selectPersistence(env, AVAILABLE_PERSISTENCE);
  const container = portsOf(persistence.productsAndIdempotency(env), options);
  container.load(clockModule, idGeneratorModule);
  return container;
};

export const putProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(env, options);
  container.load(clockModule);
  return container;
};

export const getProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  productsPorts(env, options);

/** Needs CURSOR_SIGNING_KEY in `env` (the local stack, tests; Lambda uses listProductsPortsReadingSecret). */
export const listProductsPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  portsOf(selectPersistence(env, AVAILABLE_PERSISTENCE).listing(env), options);

export interface ListProductsOptions extends ObservabilityOptions {
  /** An SSM client to read the secret with instead of one built here (tests); traced all the same. */
  readonly ssmClient?: SSMClient;
}

/**
 * list-products as deployed, on either persistence: CURSOR_SIGNING_KEY read once from the SSM parameter
 * that CURSOR_SIGNING_KEY_PARAMETER names, through an SSM client traced like the store's (or given
 * directly, and then SSM is not asked). Everything else is validated before SSM is asked, so a bad
 * environment costs no round trip.
 */
export const listProductsPortsReadingSecret = async (
  env: Environment,
  options: ListProductsOptions = {},
): Promise<Container> => {
  const persistence = selectPersistence(env, AVAILABLE_PERSISTENCE);
  // Validates every setting but the secret (the modules are left unused: building them connects nowhere).
  const { base } = persistence.products(env);
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(observabilityModule(base, options));
  const tracer = container.get<Tracer>(Tracer);
  const keyed = await withCursorSigningKey(env, (name) =>
    ssmParameterReader(tracer.instrumentAwsClient(options.ssmClient ?? createSsmClient()))(name),
  );
  container.load(...persistence.listing(keyed).modules);
  return container;
};

export const deleteProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(env, options);
  container.load(clockModule);
  return container;
};
