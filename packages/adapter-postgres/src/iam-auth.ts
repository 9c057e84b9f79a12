import type { Signer } from '@aws-sdk/rds-signer';

export interface IamAuthTarget {
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly region: string;
}

/**
 * A password function for node-postgres: a fresh RDS IAM authentication token, signed with the function's
 * role, for every new connection. A token is valid for 15 minutes, so none is ever cached past one use.
 * The signer (and the credential provider chain it brings) loads on the first connection, not at init.
 */
export const iamAuthToken = (target: IamAuthTarget): (() => Promise<string>) => {
  let signer: Promise<Signer> | undefined;
  return async () => {
    signer ??= import('@aws-sdk/rds-signer').then(({ Signer }) => new Signer({ ...target }));
    return (await signer).getAuthToken();
  };
};
