// `pnpm ops <command> --env <env>`: operator tools that act on a deployed environment through its
// Terraform outputs (see docs/runbook.md). Every command is a dry run unless --apply is given.
import 'reflect-metadata';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { redriveHandler } from './redrive-handler';
import { redrive } from './redrive';
import { replay } from './replay';
import { outputString, readOutputs, regionOfArn, type TerraformRunner } from './terraform-outputs';
import { parseCommand, USAGE, UsageError } from './usage';

export interface OpsIo {
  readonly say: (line: string) => void;
  readonly terraform?: TerraformRunner;
  readonly now?: Date;
}

/** Runs one command; returns the exit code. */
export const runOps = async (argv: readonly string[], io: OpsIo): Promise<number> => {
  try {
    const command = parseCommand(argv, io.now);
    const outputs = await readOutputs(command.env, io.terraform);
    const busArn = outputString(outputs, 'event_bus_arn');
    const region = regionOfArn(busArn);
    if (command.name === 'replay') {
      const archiveArn = outputString(outputs, 'event_archive_arn');
      await replay(
        new EventBridgeClient({ region }),
        { env: command.env, archiveArn, busArn },
        command,
        io.say,
        io.now,
      );
      return 0;
    }
    const report = await redrive(
      {
        sqs: new SQSClient({ region }),
        streams: new DynamoDBStreamsClient({ region }),
        publish: redriveHandler({ eventBusName: outputString(outputs, 'event_bus_name'), region }),
        queueUrl: outputString(outputs, 'on_failure_queue_url'),
        say: io.say,
      },
      command,
    );
    io.say(
      `${report.messages} message(s), ${report.records} record(s), ${report.republished} republished, ${report.deleted} message(s) deleted, ${report.kept} kept`,
    );
    return report.kept > 0 && command.apply ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.say(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.say(`ops failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  process.exitCode = await runOps(process.argv.slice(2), { say: (line) => console.log(line) });
}
