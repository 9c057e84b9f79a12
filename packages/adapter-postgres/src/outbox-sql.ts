// The relay's statements on the outbox (docs/decisions/0013-transactional-outbox-and-relay.md).

/**
 * Claims the products whose oldest unpublished row (their head) is due, by locking those head rows
 * (`$1` products at most, oldest head first), and returns every unpublished row of the claimed products
 * in position order (`$2` rows at most). A product whose head another relay holds is skipped as a whole,
 * so its rows are never split across relays and never overtake each other; a product whose head is
 * waiting for its backoff holds back its later rows too. Both steps walk the partial indexes of unpublished
 * rows, so a pass costs what it claims, not the size of the backlog.
 */
export const CLAIM_SQL = `
WITH claimed AS (
  SELECT o.product_id
  FROM product_outbox o
  WHERE o.published_at IS NULL AND o.parked_at IS NULL
    AND o.available_at <= clock_timestamp()
    AND NOT EXISTS (
      SELECT 1 FROM product_outbox earlier
      WHERE earlier.product_id = o.product_id AND earlier.published_at IS NULL AND earlier.parked_at IS NULL
        AND earlier.position < o.position
    )
  ORDER BY o.position
  LIMIT $1
  FOR UPDATE SKIP LOCKED
)
SELECT r.position::text AS position, r.product_id::text AS product_id, r.kind, r.before, r.after, r.deletion,
       r.correlation_id, catalog_iso(r.recorded_at) AS recorded_at, r.attempts
FROM claimed c
CROSS JOIN LATERAL (
  SELECT * FROM product_outbox o
  WHERE o.product_id = c.product_id AND o.published_at IS NULL AND o.parked_at IS NULL
  ORDER BY o.position
  LIMIT $2
) r
ORDER BY r.position
LIMIT $2`;

export const MARK_PUBLISHED_SQL = `
UPDATE product_outbox SET published_at = clock_timestamp(), last_error = NULL
WHERE position = ANY($1::bigint[]) AND published_at IS NULL`;

/**
 * Counts the refused attempt and holds the row (and so its product's later rows) back for `$2` ms; once
 * the row has had `$4` attempts it is parked instead (kept, moved aside). Returns whether it was parked.
 */
export const MARK_REFUSED_SQL = `
UPDATE product_outbox
SET attempts = attempts + 1, last_error = $3,
    available_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000),
    parked_at = CASE WHEN attempts + 1 >= $4::int THEN clock_timestamp() END
WHERE position = $1::bigint AND published_at IS NULL
RETURNING parked_at IS NOT NULL AS parked`;

/** Forgets published rows older than `$1` seconds, `$2` at most per call. */
export const PURGE_SQL = `
DELETE FROM product_outbox
WHERE position IN (
  SELECT position FROM product_outbox
  WHERE published_at IS NOT NULL AND published_at < clock_timestamp() - make_interval(secs => $1)
  ORDER BY position
  LIMIT $2
)`;

/** Rows waiting to be published, the age of the oldest, and parked rows (each needs someone to look). */
export const BACKLOG_SQL = `
SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS pending,
       COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(recorded_at) FILTER (WHERE parked_at IS NULL))
         * 1000, 0)::float8 AS oldest_ms,
       count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked
FROM product_outbox WHERE published_at IS NULL`;

/**
 * Forgets idempotency records that expired more than a minute ago (by the server's clock; the minute covers
 * any skew from the functions' clocks, which decide expiry), `$1` at most per call. Expired records are
 * already ignored by every read: this only keeps the table from growing.
 */
export const PURGE_IDEMPOTENCY_SQL = `
DELETE FROM idempotency_records
WHERE key IN (
  SELECT key FROM idempotency_records
  WHERE expires_at < clock_timestamp() - interval '1 minute'
  ORDER BY expires_at
  LIMIT $1
)`;

export interface OutboxRow {
  readonly position: string;
  readonly product_id: string;
  readonly kind: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly deletion: unknown;
  readonly correlation_id: string;
  readonly recorded_at: string;
  readonly attempts: number;
}
