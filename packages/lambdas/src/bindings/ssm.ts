import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ParameterReader } from './cursor-signing-key';

// One GetParameter per execution environment, at init: a healthy call takes tens of milliseconds, so 1 s
// to connect and 2 s per attempt only cut off a dead connection; 3 attempts with the standard retry mode
// ride out a short burst of throttling (SSM's default GetParameter throughput is shared by the account and
// region, and a deployment starts many environments at once). Worst case stays inside Lambda's 10 s init.
export const SSM_MAX_ATTEMPTS = 3;
export const SSM_CONNECTION_TIMEOUT_MS = 1_000;
export const SSM_REQUEST_TIMEOUT_MS = 2_000;

/**
 * The SSM client list-products reads its cursor signing key with. Region, credentials and an endpoint
 * override (AWS_ENDPOINT_URL_SSM, the local stand-in) come from the SDK's own environment settings, which in
 * Lambda are the function's; bundles take credentials from the environment only (scripts/build). Without
 * the logger middleware, like the other clients (it filters every input and output for a logger nobody
 * configured), and with its middleware stack resolved once per command.
 */
export const createSsmClient = (): SSMClient => {
  const client = new SSMClient({
    maxAttempts: SSM_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: SSM_CONNECTION_TIMEOUT_MS,
      requestTimeout: SSM_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
    cacheMiddleware: true,
  });
  client.middlewareStack.remove('loggerMiddleware');
  return client;
};

/**
 * SecureString parameters, decrypted, through Powertools Parameters on `client` (middleware such as
 * tracing must be on the client before the first read: its stack is resolved once).
 */
export const ssmParameterReader = (client: SSMClient): ParameterReader => {
  const provider = new SSMProvider({ awsSdkV3Client: client });
  return (name) => provider.get(name, { decrypt: true });
};
