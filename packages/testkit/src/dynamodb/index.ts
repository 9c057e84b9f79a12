export {
  startDynamoDbLocal,
  type DynamoDbLocal,
  type DynamoDbLocalBackend,
  type DynamoDbLocalOptions,
} from './dynamodb-local';
export { startCountingDynamoDbProxy, type CountingDynamoDbProxy, type DynamoDbCall } from './counting-proxy';
export { containerRuntimeAnswers } from './container-runtime';
export { DYNAMODB_LOCAL_IMAGE } from './container-server';
export { dynamoDbLocalClientConfig, waitUntilServing } from './readiness';
export {
  clearDynamoDbTable,
  dynamoDbTestEndpoint,
  uniqueTableName,
  useDynamoDbTable,
  type DynamoDbTestTable,
  type TestTableOptions,
} from './test-table';
export {
  loadStreamFixture,
  streamFixturePath,
  writeStreamFixture,
  STREAM_FIXTURE_NAMES,
  type StreamAttributeValue,
  type StreamEventFixture,
  type StreamFixtureName,
  type StreamImage,
  type StreamRecordFixture,
} from './stream-fixtures';
export type { ProvidedDynamoDb } from './provided';
