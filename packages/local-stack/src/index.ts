export { startLocalStack, PortInUseError, type LocalStack, type LocalStackOptions } from './stack';
export { ApiServer, type ApiRoute, type ProxyHandler } from './api-server';
export { StreamPoller, toLambdaRecord, type FailedBatch, type StreamHandler } from './stream-poller';
export { apiRoutes } from './routes';
