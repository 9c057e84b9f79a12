import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StreamCheckpoint, StreamCheckpointStore } from '../stream-poller';

/**
 * The stream poller's checkpoint in a JSON file, replaced atomically (write, then rename) so a crash leaves
 * the old or the new one, never half of either. An unreadable file counts as no checkpoint: the poller then
 * reads every shard from its oldest record (duplicates, never a loss).
 */
export class FileCheckpointStore implements StreamCheckpointStore {
  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  load(streamArn: string): StreamCheckpoint | undefined {
    if (!existsSync(this.file)) return undefined;
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StreamCheckpoint>;
      const shards = saved.shards ?? {};
      if (
        typeof saved.streamArn !== 'string' ||
        typeof shards !== 'object' ||
        !Object.values(shards).every((value) => typeof value === 'string')
      )
        throw new Error('not a checkpoint');
      if (saved.streamArn !== streamArn) {
        this.warn(
          `${this.file} is for another stream (${saved.streamArn}); reading ${streamArn} from its start`,
        );
        return { streamArn, shards: {} };
      }
      return { streamArn, shards };
    } catch (error) {
      this.warn(`${this.file} is unreadable (${String(error)}); reading the stream from its start`);
      return { streamArn, shards: {} };
    }
  }

  save(checkpoint: StreamCheckpoint): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const next = `${this.file}.next`;
    writeFileSync(next, JSON.stringify(checkpoint));
    renameSync(next, this.file);
  }
}
