import { describeProductEventPublisherContract } from '@catalog/testkit/contracts';
import { eventIdOf, instantPublisher, mockedBus, productEventOf } from './mocked-bus.test-support';

describeProductEventPublisherContract('EventBridgeProductEventPublisher (mocked client)', () => {
  const bus = mockedBus();
  const refusals = new Map<string, string>();
  bus.refuseWhen((entry) => refusals.get(eventIdOf(entry)));
  return {
    publisher: instantPublisher(bus.client).publisher,
    delivered: () => Promise.resolve(bus.accepted.map(productEventOf)),
    reject: (eventIds, errorCode) => {
      for (const eventId of eventIds) refusals.set(eventId, errorCode);
    },
  };
});
