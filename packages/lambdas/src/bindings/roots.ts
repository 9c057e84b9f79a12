import { Container } from 'inversify';
import {
  readApiConfig,
  readCreateProductConfig,
  readListProductsConfig,
  type ApiConfig,
} from '../config/api';
import { loadConfig } from '../config/env';
import { dynamoDbClientModule, dynamoDbIdempotencyModule, dynamoDbProductsModule } from './dynamodb';
import { observabilityModule, type ObservabilityOptions } from './observability';
import { clockModule, idGeneratorModule } from './system';

type Environment = Readonly<Record<string, string | undefined>>;

// Each function's composition root: its configuration, read and validated once (a ConfigError names every
// missing or malformed variable), and only the ports its use case needs. The route itself is added by the
// matching build*Handler in api-routes.ts.

const productsPorts = (config: ApiConfig, options: ObservabilityOptions): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    observabilityModule(config.base, options),
    dynamoDbClientModule(config.dynamoDb),
    dynamoDbProductsModule(config.products),
  );
  return container;
};

export const createProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const config = loadConfig(readCreateProductConfig, env);
  const container = productsPorts(config, options);
  container.load(clockModule, idGeneratorModule, dynamoDbIdempotencyModule(config.idempotency));
  return container;
};

export const putProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(loadConfig(readApiConfig, env), options);
  container.load(clockModule);
  return container;
};

export const getProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  productsPorts(loadConfig(readApiConfig, env), options);

/** Needs CURSOR_SIGNING_KEY in `env` (the Lambda entry point reads it from CURSOR_SIGNING_KEY_PARAMETER). */
export const listProductsPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  productsPorts(loadConfig(readListProductsConfig, env), options);

export const deleteProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(loadConfig(readApiConfig, env), options);
  container.load(clockModule);
  return container;
};
