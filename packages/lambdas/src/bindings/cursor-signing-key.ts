import { ConfigError } from '../config/env';

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads one SecureString parameter, decrypted. */
export type ParameterReader = (name: string) => Promise<string | undefined>;

/**
 * The environment list-products is configured from, with CURSOR_SIGNING_KEY read from the SSM parameter
 * CURSOR_SIGNING_KEY_PARAMETER names (Terraform creates it per environment). A key given directly
 * (local development, tests) is used as it is and `read` is not called; without either,
 * readListProductsConfig refuses to start. Call it once, at init: a parameter that cannot be read fails the
 * cold start with its name. In Lambda `read` is Powertools Parameters on a traced SSM client (bindings/ssm.ts).
 */
export const withCursorSigningKey = async (env: Environment, read: ParameterReader): Promise<Environment> => {
  const parameter = env.CURSOR_SIGNING_KEY_PARAMETER?.trim();
  if (!parameter) return env;
  if (env.CURSOR_SIGNING_KEY?.trim()) {
    throw new ConfigError(['CURSOR_SIGNING_KEY and CURSOR_SIGNING_KEY_PARAMETER are both set: set only one']);
  }
  let value: string | undefined;
  try {
    value = await read(parameter);
  } catch (error) {
    // Powertools wraps the SDK's error; the operator needs the AWS one (AccessDeniedException, ...).
    const cause: unknown = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new ConfigError([`CURSOR_SIGNING_KEY_PARAMETER ${parameter} could not be read (${reason})`]);
  }
  if (value === undefined || value === '') {
    throw new ConfigError([`CURSOR_SIGNING_KEY_PARAMETER ${parameter} holds no value`]);
  }
  return { ...env, CURSOR_SIGNING_KEY: value };
};
