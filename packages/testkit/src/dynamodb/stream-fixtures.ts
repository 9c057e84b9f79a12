import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Real records from the products table's stream on DynamoDB Local, in the shape Lambda delivers them
// (DynamoDBStreamEvent). Re-record them with:
//   CATALOG_RECORD_STREAM_FIXTURES=1 pnpm test:int packages/adapter-dynamodb/src/dynamodb-product-stream.int.test.ts

/** An attribute value as it appears in stream images (JSON: binary as base64 text). */
export interface StreamAttributeValue {
  readonly S?: string;
  readonly N?: string;
  readonly B?: string;
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly M?: Readonly<Record<string, StreamAttributeValue>>;
  readonly L?: readonly StreamAttributeValue[];
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
  readonly BS?: readonly string[];
}

export type StreamImage = Readonly<Record<string, StreamAttributeValue>>;

export interface StreamRecordFixture {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: string;
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Epoch seconds, as Lambda delivers it. */
    readonly ApproximateCreationDateTime: number;
    readonly Keys: StreamImage;
    readonly NewImage?: StreamImage;
    readonly OldImage?: StreamImage;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: 'NEW_AND_OLD_IMAGES';
  };
  readonly eventSourceARN: string;
}

export interface StreamEventFixture {
  readonly Records: readonly StreamRecordFixture[];
}

/**
 * insert: a product created; replace: its details changed; delete: the MODIFY that turns it into its
 * tombstone; recreate: the MODIFY from the tombstone to a new product; lifecycle: every record of that id
 * (create, replace, delete, re-create, replace) as one batch; removed-by-hand: the REMOVE of a live item
 * deleted outside the repository; tombstone-removed: the REMOVE of a tombstone (worth no event).
 */
export const STREAM_FIXTURE_NAMES = [
  'insert',
  'replace',
  'delete',
  'recreate',
  'lifecycle',
  'removed-by-hand',
  'tombstone-removed',
] as const;
export type StreamFixtureName = (typeof STREAM_FIXTURE_NAMES)[number];

export const streamFixturePath = (name: StreamFixtureName): string =>
  fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url));

/** A fresh copy of a recorded stream event; every record in it is real. */
export const loadStreamFixture = (name: StreamFixtureName): StreamEventFixture =>
  JSON.parse(readFileSync(streamFixturePath(name), 'utf8')) as StreamEventFixture;

/** Used by the recording test only. */
export const writeStreamFixture = (name: StreamFixtureName, event: StreamEventFixture): void => {
  writeFileSync(streamFixturePath(name), `${JSON.stringify(event, null, 2)}\n`);
};
