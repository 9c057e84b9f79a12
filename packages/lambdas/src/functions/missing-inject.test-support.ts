// A deliberately broken entry point, for bundles.int.test.ts: one constructor parameter has no @inject and
// relies on design-type metadata, which esbuild never emits. Its bundle must fail to load, which shows that
// the bundle test would catch the same mistake in a real function.
import 'reflect-metadata/lite';
import { Container, injectable } from 'inversify';
import { SystemClock } from '../bindings/system';

@injectable()
class Stamp {
  constructor(readonly clock: SystemClock) {}
}

const container = new Container({ defaultScope: 'Singleton' });
container.bind(SystemClock).toSelf();
container.bind(Stamp).toSelf();
const stamp = container.get(Stamp);

export const handler = () => Promise.resolve({ statusCode: 200, body: stamp.clock.now().toISOString() });
