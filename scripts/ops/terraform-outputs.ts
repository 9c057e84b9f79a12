import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError, type Environment } from './usage';

/** Runs terraform with the given arguments and returns its stdout (injectable for tests). */
export type TerraformRunner = (args: readonly string[]) => Promise<string>;

export const terraformCli: TerraformRunner = async (args) => {
  const { stdout } = await promisify(execFile)('terraform', [...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
};

export type Outputs = Readonly<Record<string, unknown>>;

/** The environment root's outputs (`terraform output -json`), as name -> value. */
export const readOutputs = async (
  env: Environment,
  terraform: TerraformRunner = terraformCli,
  root = 'terraform/environments',
): Promise<Outputs> => {
  let raw: string;
  try {
    raw = await terraform([`-chdir=${root}/${env}`, 'output', '-json']);
  } catch (error) {
    throw new Error(
      `Could not read the Terraform outputs of ${env} (terraform -chdir=${root}/${env} output -json): is the root initialised with its backend and applied?`,
      { cause: error },
    );
  }
  const parsed = JSON.parse(raw) as Record<string, { value?: unknown }>;
  return Object.fromEntries(Object.entries(parsed).map(([name, output]) => [name, output.value]));
};

/** A required string output; a clear error naming it when the environment has none. */
export const outputString = (outputs: Outputs, name: string): string => {
  const value = outputs[name];
  if (typeof value !== 'string' || value === '') {
    throw new UsageError(`The Terraform outputs have no ${name}: has this environment been applied?`);
  }
  return value;
};

/** The region of an ARN (arn:aws:<service>:<region>:...). */
export const regionOfArn = (arn: string): string => {
  const region = arn.split(':')[3];
  if (!region) throw new Error(`Not an ARN with a region: ${arn}`);
  return region;
};
