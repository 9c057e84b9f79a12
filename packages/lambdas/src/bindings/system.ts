import { randomUUID } from 'node:crypto';
import { ProductId } from '@catalog/domain';
import { Clock, IdGenerator } from '@catalog/ports';
import { ContainerModule } from 'inversify';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class RandomIdGenerator implements IdGenerator {
  newProductId(): ProductId {
    return ProductId.parse(randomUUID());
  }
}

/** Real time: bound by every function that writes products or idempotency records. */
export const clockModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(Clock).toConstantValue(new SystemClock());
});

/** Random product ids: bound by the function that assigns them. */
export const idGeneratorModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(IdGenerator).toConstantValue(new RandomIdGenerator());
});

/** Real time and random ids together. */
export const systemModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(Clock).toConstantValue(new SystemClock());
  bind(IdGenerator).toConstantValue(new RandomIdGenerator());
});
