// A stand-in for SSM's GetParameter (AWS JSON 1.1 protocol) on 127.0.0.1: list-products' bundle reads its
// cursor signing key through it with the real Powertools Parameters + SSM client (the bundle test, and
// `pnpm bench http`'s cold start). Every parameter holds SSM_STUB_VALUE (or a fixed key). Run as a script
// it prints its port; imported, startSsmParameterStub() also counts the calls it answered.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const answerOf = (target, name) =>
  target === 'AmazonSSM.GetParameter'
    ? {
        status: 200,
        body: {
          Parameter: {
            Name: name,
            Type: 'SecureString',
            Value: process.env.SSM_STUB_VALUE ?? 'stub-cursor-signing-key-0123456789abcdef',
            Version: 1,
          },
        },
      }
    : { status: 400, body: { __type: 'InvalidAction' } };

/** `calls`: operation (GetParameter, ...) -> count since start (or since `reset`). */
export const startSsmParameterStub = async () => {
  const calls = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.split('.').pop();
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      let name;
      try {
        ({ Name: name } = JSON.parse(Buffer.concat(chunks).toString() || '{}'));
      } catch {
        // An unreadable request names no parameter.
      }
      const { status, body } = answerOf(target, name);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    endpoint: `http://127.0.0.1:${server.address().port}`,
    calls,
    reset: () => calls.clear(),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { port } = await startSsmParameterStub();
  process.stdout.write(`${port}\n`);
}
