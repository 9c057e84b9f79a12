import { Container } from 'inversify';
import { AVAILABLE_PERSISTENCE } from './available-persistence';
import { observabilityModule, type ObservabilityOptions } from './observability';
import { selectPersistence, type PersistencePorts } from './persistence';
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

export const listProductsPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  productsPorts(env, options);

export const deleteProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(env, options);
  container.load(clockModule);
  return container;
};
