// The slice of the EventBridge JSON 1.1 protocol that PutEvents needs: request entries in, result entries
// or a service error out, with the service's limits (10 entries, 256 KB) checked as the service does.

/** A PutEvents request entry as it arrives on the wire (`Time` is epoch seconds). */
export interface WireEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly EventBusName?: unknown;
  readonly Time?: unknown;
  readonly Resources?: unknown;
  readonly TraceHeader?: unknown;
}

export type WireResult =
  { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export const JSON_1_1 = 'application/x-amz-json-1.1';
export const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

/** A service error: the status, the `__type` the SDK maps to an exception, and its message. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  get body(): string {
    return JSON.stringify({ __type: this.type, message: this.message });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bytes = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);

/** The AWS rule ("Calculating PutEvents event entry size"): Time 14 bytes, then UTF-8 of the rest. */
export const wireEntrySize = (entry: WireEntry): number =>
  (entry.Time === undefined ? 0 : 14) +
  bytes(entry.Source) +
  bytes(entry.DetailType) +
  bytes(entry.Detail) +
  (Array.isArray(entry.Resources) ? entry.Resources.reduce((total: number, r) => total + bytes(r), 0) : 0);

/** Parses a PutEvents body, refusing the whole call the way the service does when it is malformed. */
export const parsePutEventsRequest = (body: string): WireEntry[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ServiceError(400, 'SerializationException', 'The request body is not valid JSON');
  }
  const entries = isObject(parsed) ? parsed.Entries : undefined;
  if (!Array.isArray(entries) || entries.length === 0 || !entries.every(isObject)) {
    throw new ServiceError(400, 'ValidationException', 'Entries must hold 1 to 10 entries');
  }
  if (entries.length > MAX_ENTRIES) {
    throw new ServiceError(400, 'ValidationException', `${entries.length} entries; at most ${MAX_ENTRIES}`);
  }
  const total = entries.reduce((sum: number, entry) => sum + wireEntrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) {
    throw new ServiceError(400, 'ValidationException', `Entries total ${total} bytes; at most 256 KB`);
  }
  return entries;
};

/** Why the service would refuse this entry on its own merits, if it would. */
export const entryProblem = (entry: WireEntry): WireResult | undefined => {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid.` };
    }
  }
  try {
    if (isObject(JSON.parse(entry.Detail as string))) return undefined;
  } catch {
    // falls through to the refusal below
  }
  return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
};
