import type { SSMClient } from '@aws-sdk/client-ssm';
import { Container } from 'inversify';
import {
  readApiConfig,
  readCreateProductConfig,
  readListProductsConfig,
  type ApiConfig,
} from '../config/api';
import { loadConfig } from '../config/env';
import { Tracer } from '../observability/tracing';
import { withCursorSigningKey } from './cursor-signing-key';
import { dynamoDbClientModule, dynamoDbIdempotencyModule, dynamoDbProductsModule } from './dynamodb';
import { observabilityModule, type ObservabilityOptions } from './observability';
import { createSsmClient, ssmParameterReader } from './ssm';
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

/** Needs CURSOR_SIGNING_KEY in `env` (the local stack, tests; Lambda uses listProductsPortsReadingSecret). */
export const listProductsPorts = (env: Environment, options: ObservabilityOptions = {}): Container =>
  productsPorts(loadConfig(readListProductsConfig, env), options);

export interface ListProductsOptions extends ObservabilityOptions {
  /** An SSM client to read the secret with instead of one built here (tests); traced all the same. */
  readonly ssmClient?: SSMClient;
}

/**
 * list-products as deployed: CURSOR_SIGNING_KEY read once from the SSM parameter that
 * CURSOR_SIGNING_KEY_PARAMETER names, through an SSM client traced like the DynamoDB one (or given directly,
 * and then SSM is not asked). Everything else is validated before SSM is asked, so a bad environment costs
 * no round trip.
 */
export const listProductsPortsReadingSecret = async (
  env: Environment,
  options: ListProductsOptions = {},
): Promise<Container> => {
  const { base } = loadConfig(readApiConfig, env);
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(observabilityModule(base, options));
  const tracer = container.get<Tracer>(Tracer);
  const keyed = await withCursorSigningKey(env, (name) =>
    ssmParameterReader(tracer.instrumentAwsClient(options.ssmClient ?? createSsmClient()))(name),
  );
  const config = loadConfig(readListProductsConfig, keyed);
  container.load(dynamoDbClientModule(config.dynamoDb), dynamoDbProductsModule(config.products));
  return container;
};

export const deleteProductPorts = (env: Environment, options: ObservabilityOptions = {}): Container => {
  const container = productsPorts(loadConfig(readApiConfig, env), options);
  container.load(clockModule);
  return container;
};
