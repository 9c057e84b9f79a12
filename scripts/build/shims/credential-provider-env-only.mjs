// Stands in for @aws-sdk/credential-provider-node in Lambda bundles (see esbuild-options.mjs). Lambda hands
// every function its role's credentials in the environment, so the SDK's default chain (SSO, INI files,
// process, web identity and container/instance metadata, with the nested STS/SSO clients they bring) is
// dead weight at cold start. Anything that passes explicit credentials (the local stack) is unaffected.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => {
  const fromEnvironment = fromEnv(init);
  return async (options) => {
    try {
      return await fromEnvironment(options);
    } catch (error) {
      throw new Error(
        'This bundle reads AWS credentials only from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as Lambda provides them',
        { cause: error },
      );
    }
  };
};
