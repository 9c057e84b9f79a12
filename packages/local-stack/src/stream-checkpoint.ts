/**
 * Where the poller remembers how far it got, so a restart (even after a crash) resumes there instead of at
 * the stream's tip. `load` is undefined when nothing was kept for this stream yet.
 */
export interface StreamCheckpointStore {
  load(streamArn: string): StreamCheckpoint | undefined;
  save(checkpoint: StreamCheckpoint): void;
}

export interface StreamCheckpoint {
  readonly streamArn: string;
  /** Per shard: the sequence number of the last record handled, or `done` once the shard was read to its end. */
  readonly shards: Readonly<Record<string, string>>;
}

export const SHARD_DONE = 'done';
