// Fresh processes as Lambda starts them, for the HTTP benchmark: each loads a bundle with the function's
// environment (tracing on, credentials in the environment, DynamoDB at a stub), answers one request and
// reports when (wall time since process start, and the process's CPU time). The stub counts the DynamoDB
// calls the answer took.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const PROBE = `const { handler } = await import(process.argv[1]);
const result = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'cold', functionName: 'cold', getRemainingTimeInMillis: () => 10000 });
const answeredMs = performance.now(); const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ answeredMs, cpuMs: (cpu.user + cpu.system) / 1000, status: result.statusCode }));`;

/** The environment of a deployed API function with active tracing, its DynamoDB at `endpoint`. */
export const coldEnvironment = (endpoint, daemonPort) => ({
  PATH: process.env.PATH,
  SERVICE_NAME: 'catalog',
  LOG_LEVEL: 'info',
  PRODUCTS_TABLE_NAME: 'catalog-bench-products',
  IDEMPOTENCY_TABLE_NAME: 'catalog-bench-idempotency',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_SESSION_TOKEN: 'bench-session',
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
  // Lambda samples the first request of a new environment when the rule's reservoir has room.
  _X_AMZN_TRACE_ID: 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=1',
});

/** Runs `bundlePath` in a fresh process for one `event`; resolves to { answeredMs, cpuMs, status }. */
export const firstAnswer = (bundlePath, event, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', PROBE, pathToFileURL(bundlePath).href, JSON.stringify(event)],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => {
      if (status !== 0) reject(new Error(`${bundlePath} failed:\n${stderr}`));
      else resolve(JSON.parse(stdout.slice(stdout.lastIndexOf('{'))));
    });
  });
