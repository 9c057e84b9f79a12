#!/usr/bin/env node
// Event lag of the stream -> EventBridge path at a given write rate (docs/capacity.md): a discrete-time
// simulation of one stream shard's event source mapping (polling, batching, parallelization_factor lanes,
// sequential PutEvents calls of 10 entries), with the account's PutEvents quota shared by all shards.
// Usage: node scripts/capacity/simulate.mjs [--per-record-us 60] [--put-events-ms 25] [--invoke-ms 15]
//        [--quota 10000] [--seconds 60]    (per-record CPU from `pnpm bench stream`; the rest are AWS figures)
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), Number(all[i + 1])]] : pairs),
      [],
    ),
);
const COSTS = {
  perRecordMs: (args['per-record-us'] ?? 60) / 1000,
  putEventsMs: args['put-events-ms'] ?? 25,
  invokeMs: args['invoke-ms'] ?? 15,
  pollIntervalMs: 250, // Lambda polls each shard about 4 times a second
};
const QUOTA = args.quota ?? 10_000; // PutEvents entries per second for the account and region (soft limit)
const SECONDS = args.seconds ?? 60;
const ITEM_KB = 1; // a product item is ~0.4 KB: one write capacity unit
const SHARD_WRITES = 1_000; // a partition, hence a stream shard, takes at most 1,000 WCU/s

/** The settings a team turns at each step (terraform: stream_processing, the quota request). */
const STEPS = [
  { writes: 1_000, batch: 100, parallelization: 1, quota: QUOTA, note: 'defaults' },
  { writes: 1_000, batch: 100, parallelization: 4, quota: QUOTA, note: 'step 1' },
  { writes: 10_000, batch: 100, parallelization: 4, quota: QUOTA, note: 'quota at its default' },
  { writes: 10_000, batch: 100, parallelization: 4, quota: 20_000, note: 'step 2' },
  { writes: 50_000, batch: 100, parallelization: 4, quota: 60_000, note: 'step 3 (PutEvents at 25 ms)' },
  { writes: 50_000, batch: 100, parallelization: 10, quota: 60_000, note: 'step 3 with headroom' },
];

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/**
 * Lanes that are free take the next batch at once while records wait (an idle shard waits for its poll);
 * returns the quota tokens left this second. Each batch's records get their lag.
 */
const startBatches = (now, lanes, queue, batch, tokens, lags) => {
  let left = tokens;
  for (const lane of lanes) {
    if (lane.busyUntil > now || queue.length === 0) continue;
    if (queue.length < batch && now % COSTS.pollIntervalMs !== 0) continue;
    const records = queue.splice(0, batch);
    const calls = Math.ceil(records.length / 10);
    // Entries beyond the quota are throttled and retried after a backoff: each such call waits ~100 ms more.
    const throttledCalls = Math.max(0, Math.ceil((records.length - Math.max(0, left)) / 10));
    left -= records.length;
    const duration =
      COSTS.invokeMs + records.length * COSTS.perRecordMs + calls * COSTS.putEventsMs + throttledCalls * 100;
    lane.busyUntil = now + duration;
    for (const arrived of records) lags.push(lane.busyUntil - arrived);
  }
  return left;
};

/** Simulates one shard (1 ms steps); `quotaShare` is this shard's part of the PutEvents quota per second. */
const simulateShard = ({ writesPerSecond, batch, parallelization, quotaShare }) => {
  const queue = []; // arrival times (ms) of records waiting in the shard
  const lanes = Array.from({ length: parallelization }, () => ({ busyUntil: 0 }));
  const lags = [];
  let tokens = quotaShare; // PutEvents entries this shard may send in the current second
  let carry = 0;
  const horizon = SECONDS * 1000;
  for (let now = 0; now < horizon; now++) {
    if (now % 1000 === 0) tokens = quotaShare;
    carry += writesPerSecond / 1000;
    while (carry >= 1) {
      queue.push(now);
      carry--;
    }
    tokens = startBatches(now, lanes, queue, batch, tokens, lags);
  }
  const sorted = lags.sort((a, b) => a - b);
  const capacity =
    (parallelization * batch * 1000) /
    (COSTS.invokeMs + batch * COSTS.perRecordMs + Math.ceil(batch / 10) * COSTS.putEventsMs);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), backlog: queue.length, capacity };
};

const rows = STEPS.map((step) => {
  const shards = Math.ceil((step.writes * ITEM_KB) / SHARD_WRITES);
  const shard = simulateShard({
    writesPerSecond: step.writes / shards,
    batch: step.batch,
    parallelization: step.parallelization,
    quotaShare: step.quota / shards,
  });
  const keepsUp = shard.backlog < step.writes / shards && shard.capacity > step.writes / shards;
  const ok = keepsUp && step.writes < step.quota;
  return [
    step.note,
    step.writes.toLocaleString('en-US'),
    String(shards),
    String(step.batch),
    String(step.parallelization),
    String(shards * step.parallelization),
    Math.round(shard.capacity * shards).toLocaleString('en-US'),
    `${Math.ceil(step.writes / 10).toLocaleString('en-US')}/s`,
    step.quota.toLocaleString('en-US'),
    ok ? `${(shard.p50 / 1000).toFixed(2)} s` : 'grows',
    ok ? `${(shard.p99 / 1000).toFixed(2)} s` : 'grows',
  ];
});

const header = [
  'step',
  'writes/s',
  'shards',
  'batch_size',
  'parallelization_factor',
  'concurrency',
  'records/s capacity',
  'PutEvents calls',
  'PutEvents quota',
  'lag p50',
  'lag p99',
];
console.log(
  `Per record ${COSTS.perRecordMs * 1000} us CPU, PutEvents ${COSTS.putEventsMs} ms per call, invoke ${COSTS.invokeMs} ms, poll every ${COSTS.pollIntervalMs} ms; ${SECONDS} s simulated per shard`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
