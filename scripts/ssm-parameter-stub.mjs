// A stand-in for SSM's GetParameter (AWS JSON 1.1 protocol) on 127.0.0.1: list-products' bundle reads its
// cursor signing key through it with the real Powertools Parameters + SSM client (the bundle test, and
// `pnpm bench http`'s cold start). Prints its port; every parameter holds SSM_STUB_VALUE (or a fixed key).
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const target = request.headers['x-amz-target'];
    const { Name } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    response.writeHead(target === 'AmazonSSM.GetParameter' ? 200 : 400, {
      'content-type': 'application/x-amz-json-1.1',
    });
    response.end(
      JSON.stringify(
        target === 'AmazonSSM.GetParameter'
          ? {
              Parameter: {
                Name,
                Type: 'SecureString',
                Value: process.env.SSM_STUB_VALUE ?? 'stub-cursor-signing-key-0123456789abcdef',
                Version: 1,
              },
            }
          : { __type: 'InvalidAction' },
      ),
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
