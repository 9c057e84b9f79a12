import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  createPublishProductEventsHandler,
  publishProductEventsPorts,
  type DynamoDbStreamHandler,
} from '../../packages/lambdas/src/index';

/**
 * The publish-product-events handler as the function builds it (its composition root: the use case, the
 * stream record parser and the EventBridge publisher), pointed at the environment's bus. Logs go to stderr.
 */
export const redriveHandler = (
  bus: { readonly eventBusName: string; readonly region: string },
  client?: EventBridgeClient,
): DynamoDbStreamHandler =>
  createPublishProductEventsHandler(
    publishProductEventsPorts(
      {
        EVENT_BUS_NAME: bus.eventBusName,
        AWS_REGION: bus.region,
        SERVICE_NAME: 'catalog-ops',
        LOG_LEVEL: 'warn',
      },
      {
        logStream: process.stderr,
        writeMetrics: () => undefined,
        ...(client === undefined ? {} : { eventBridge: { client } }),
      },
    ),
  );
