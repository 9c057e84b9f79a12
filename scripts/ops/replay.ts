import {
  StartReplayCommand,
  type EventBridgeClient,
  type StartReplayCommandInput,
} from '@aws-sdk/client-eventbridge';
import type { Environment } from './usage';

export interface ReplayTarget {
  readonly env: Environment;
  readonly archiveArn: string;
  readonly busArn: string;
}

/** A replay name EventBridge accepts (<= 64 characters of [.\-_A-Za-z0-9]), unique per second. */
export const replayNameOf = (env: Environment, now: Date): string =>
  `catalog-${env}-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .toLowerCase()}`;

/** The StartReplay request: the archive's events of [from, to) back into the bus they came from. */
export const replayRequest = (
  target: ReplayTarget,
  from: Date,
  to: Date,
  now: Date,
): StartReplayCommandInput => ({
  ReplayName: replayNameOf(target.env, now),
  EventSourceArn: target.archiveArn,
  EventStartTime: from,
  EventEndTime: to,
  Destination: { Arn: target.busArn },
  Description: `Replay of ${from.toISOString()}..${to.toISOString()} (pnpm ops replay)`,
});

/** Starts the replay (or, in a dry run, only says what it would start). Consumers dedupe on eventId. */
export const replay = async (
  events: EventBridgeClient,
  target: ReplayTarget,
  window: { readonly from: Date; readonly to: Date; readonly apply: boolean },
  say: (line: string) => void,
  now: Date = new Date(),
): Promise<StartReplayCommandInput> => {
  const request = replayRequest(target, window.from, window.to, now);
  const what = `${request.ReplayName}: ${target.archiveArn} ${window.from.toISOString()}..${window.to.toISOString()} -> ${target.busArn}`;
  if (!window.apply) {
    say(`dry run, would start replay ${what}`);
    return request;
  }
  const { State, ReplayArn } = await events.send(new StartReplayCommand(request));
  say(
    `started replay ${what} (${State ?? 'unknown state'}; aws events describe-replay --replay-name ${request.ReplayName}) ${ReplayArn ?? ''}`.trim(),
  );
  return request;
};
