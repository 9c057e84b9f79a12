import { readApiConfig, readCreateProductConfig, readListProductsConfig } from '../config/api';
import { loadConfig } from '../config/env';
import { dynamoDbClientModule, dynamoDbIdempotencyModule, dynamoDbProductsModule } from './dynamodb';
import type { Persistence } from './persistence';

/** The products and idempotency tables on DynamoDB (PRODUCTS_TABLE_NAME, IDEMPOTENCY_TABLE_NAME, ...). */
export const dynamoDbPersistence: Persistence = {
  products: (env) => {
    const config = loadConfig(readApiConfig, env);
    return {
      base: config.base,
      modules: [dynamoDbClientModule(config.dynamoDb), dynamoDbProductsModule(config.products)],
    };
  },
  listing: (env) => {
    const config = loadConfig(readListProductsConfig, env);
    return {
      base: config.base,
      modules: [dynamoDbClientModule(config.dynamoDb), dynamoDbProductsModule(config.products)],
    };
  },
  productsAndIdempotency: (env) => {
    const config = loadConfig(readCreateProductConfig, env);
    return {
      base: config.base,
      modules: [
        dynamoDbClientModule(config.dynamoDb),
        dynamoDbProductsModule(config.products),
        dynamoDbIdempotencyModule(config.idempotency),
      ],
    };
  },
};
