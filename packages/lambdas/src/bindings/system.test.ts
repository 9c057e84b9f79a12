import { Clock, IdGenerator } from '@catalog/ports';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { systemModule } from './system';

describe('systemModule', () => {
  it('binds a clock that tells the current time and a generator of distinct UUIDs', () => {
    const container = new Container();
    container.load(systemModule);
    const before = Date.now();
    const now = container.get<Clock>(Clock).now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    const ids = container.get<IdGenerator>(IdGenerator);
    const [a, b] = [ids.newProductId(), ids.newProductId()];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});
