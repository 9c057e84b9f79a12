import { Signer } from '@aws-sdk/rds-signer';

export interface IamAuthTarget {
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly region: string;
}

/**
 * A password function for node-postgres: a fresh RDS IAM authentication token, signed with the function's
 * role, for every new connection. A token is valid for 15 minutes, so none is ever cached past one use.
 */
export const iamAuthToken = (target: IamAuthTarget): (() => Promise<string>) => {
  const signer = new Signer({ ...target });
  return () => signer.getAuthToken();
};
