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

/** Real time and random ids: bound by every function that creates or changes products. */
export const systemModule = new ContainerModule(({ bind }) => {
  bind(Clock).toConstantValue(new SystemClock());
  bind(IdGenerator).toConstantValue(new RandomIdGenerator());
});
