-- Products (one row per id: the live product, or the deletion that ended the last one), the transactional
-- outbox the relay publishes from, and the functions that write both in one transaction.
-- See docs/decisions/0012-postgres-schema-migrations.md and 0013-transactional-outbox-and-relay.md.

CREATE TABLE products (
  id uuid PRIMARY KEY,
  -- Grows by one with every change, the deletion included, over the whole life of the id.
  version integer NOT NULL CHECK (version >= 1),
  -- The live product's fields; all NULL once the row records a deletion.
  name text CHECK (char_length(name) BETWEEN 1 AND 100),
  description text CHECK (char_length(description) <= 2000),
  price_amount bigint CHECK (price_amount BETWEEN 0 AND 1000000000),
  price_currency text CHECK (price_currency ~ '^[A-Z]{3}$'),
  created_at timestamptz(3),
  updated_at timestamptz(3),
  deleted_at timestamptz(3),
  -- The request that made the row's last change (carried by the outbox row into its event).
  correlation_id text NOT NULL,
  CONSTRAINT products_live_or_deleted CHECK (
    (deleted_at IS NULL AND name IS NOT NULL AND price_amount IS NOT NULL AND price_currency IS NOT NULL
      AND created_at IS NOT NULL AND updated_at IS NOT NULL)
    OR (deleted_at IS NOT NULL AND name IS NULL AND description IS NULL AND price_amount IS NULL
      AND price_currency IS NULL AND created_at IS NULL AND updated_at IS NULL)
  )
);

-- Keyset pagination over live products, in id order.
CREATE INDEX products_live_by_id ON products (id) WHERE deleted_at IS NULL;

CREATE TABLE product_outbox (
  -- Allocated in write order; per product also in commit order (writers of one id queue on its row lock).
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inserted', 'modified', 'removed')),
  -- The product before and after the change, in the domain's JSON shape; a deletion's own version and time.
  before jsonb,
  after jsonb,
  deletion jsonb,
  correlation_id text NOT NULL,
  recorded_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
  published_at timestamptz(3),
  -- Publication attempts that the bus refused, and when the next one may be made (backoff).
  attempts integer NOT NULL DEFAULT 0,
  available_at timestamptz(3) NOT NULL DEFAULT '-infinity',
  last_error text,
  -- Set once the relay gave up on the row (unreadable, or refused too often): kept, never published or
  -- purged by the relay, and no longer holding back its product's later rows. Cleared to retry it.
  parked_at timestamptz(3),
  CONSTRAINT product_outbox_images CHECK (
    (kind = 'inserted' AND before IS NULL AND after IS NOT NULL AND deletion IS NULL)
    OR (kind = 'modified' AND before IS NOT NULL AND after IS NOT NULL AND deletion IS NULL)
    OR (kind = 'removed' AND before IS NOT NULL AND after IS NULL AND deletion IS NOT NULL)
  )
);

-- What the relay walks: unpublished rows in position order, and per product the rows before a given one.
-- Parked rows stay in these (they are few) and are filtered out by the relay's statements.
CREATE INDEX product_outbox_pending ON product_outbox (position) WHERE published_at IS NULL;
CREATE INDEX product_outbox_pending_by_product ON product_outbox (product_id, position) WHERE published_at IS NULL;

CREATE TABLE idempotency_records (
  key text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
  fingerprint text NOT NULL,
  -- Proves a claim's ownership: complete and release act only on the claim that carries it.
  token text NOT NULL,
  result jsonb,
  expires_at timestamptz(3) NOT NULL,
  CONSTRAINT idempotency_records_result CHECK ((status = 'completed') = (result IS NOT NULL))
);
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);

-- ISO 8601 UTC with milliseconds, exactly as the domain writes timestamps (Date#toISOString).
CREATE FUNCTION catalog_iso(at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- The live product of a row in the domain's JSON shape (NULL for a deletion).
CREATE FUNCTION catalog_product_json(p products) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN p.deleted_at IS NULL THEN jsonb_strip_nulls(jsonb_build_object(
    'id', p.id, 'name', p.name, 'description', p.description,
    'price', jsonb_build_object('amount', p.price_amount, 'currency', p.price_currency),
    'version', p.version, 'createdAt', catalog_iso(p.created_at), 'updatedAt', catalog_iso(p.updated_at)
  )) END
$$;

-- Creates a product under an id without a live one: version 1, or one after the id's deletion. Returns
-- {outcome: 'created', after} or {outcome: 'conflict', found: <live version>}.
-- With p_claim_key, the creation also completes that idempotency claim, in the same transaction, with the
-- product as its result (kept until p_claim_expires_at): only while the claim is in progress, carries
-- p_claim_token and has not expired at p_now; otherwise nothing is written and the outcome is
-- {outcome: 'claim_lost'}. A conflict leaves the claim as it was.
CREATE FUNCTION catalog_create_product(
  p_id uuid, p_name text, p_description text, p_amount bigint, p_currency text, p_at timestamptz,
  p_correlation_id text, p_claim_key text DEFAULT NULL, p_claim_token text DEFAULT NULL,
  p_now timestamptz DEFAULT NULL, p_claim_expires_at timestamptz DEFAULT NULL
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  current products;
  created products;
BEGIN
  IF p_claim_key IS NOT NULL THEN
    -- Locked until commit: a concurrent claim of the expired key waits, then sees the completed record.
    PERFORM 1 FROM idempotency_records
    WHERE key = p_claim_key AND token = p_claim_token AND status = 'in_progress' AND expires_at > p_now
    FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('outcome', 'claim_lost');
    END IF;
  END IF;
  SELECT * INTO current FROM products WHERE id = p_id FOR UPDATE;
  IF FOUND AND current.deleted_at IS NULL THEN
    RETURN jsonb_build_object('outcome', 'conflict', 'found', current.version);
  END IF;
  IF FOUND THEN
    UPDATE products SET version = current.version + 1, name = p_name, description = p_description,
      price_amount = p_amount, price_currency = p_currency, created_at = p_at, updated_at = p_at,
      deleted_at = NULL, correlation_id = p_correlation_id
    WHERE id = p_id RETURNING * INTO created;
  ELSE
    INSERT INTO products (id, version, name, description, price_amount, price_currency, created_at,
      updated_at, correlation_id)
    VALUES (p_id, 1, p_name, p_description, p_amount, p_currency, p_at, p_at, p_correlation_id)
    ON CONFLICT (id) DO NOTHING
    RETURNING * INTO created;
    IF NOT FOUND THEN
      -- A concurrent create committed first (this statement sees it: a new snapshot per statement).
      SELECT * INTO current FROM products WHERE id = p_id;
      RETURN jsonb_build_object('outcome', 'conflict',
        'found', CASE WHEN current.deleted_at IS NULL THEN to_jsonb(current.version) ELSE '"absent"' END);
    END IF;
  END IF;
  INSERT INTO product_outbox (product_id, kind, after, correlation_id)
  VALUES (p_id, 'inserted', catalog_product_json(created), p_correlation_id);
  IF p_claim_key IS NOT NULL THEN
    UPDATE idempotency_records
    SET status = 'completed', result = catalog_product_json(created), expires_at = p_claim_expires_at
    WHERE key = p_claim_key;
  END IF;
  RETURN jsonb_build_object('outcome', 'created', 'after', catalog_product_json(created));
END
$$;

-- Replaces the live product's details, at p_expected (NULL: whichever version is live). Identical details
-- write nothing. Returns {outcome: 'replaced', before, after}, {outcome: 'unchanged', after} or
-- {outcome: 'conflict', found: <version> | 'absent'}.
CREATE FUNCTION catalog_replace_product(
  p_id uuid, p_name text, p_description text, p_amount bigint, p_currency text, p_at timestamptz,
  p_correlation_id text, p_expected integer
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  current products;
  replaced products;
BEGIN
  SELECT * INTO current FROM products WHERE id = p_id FOR UPDATE;
  IF NOT FOUND OR current.deleted_at IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'conflict', 'found', 'absent');
  END IF;
  IF p_expected IS NOT NULL AND current.version <> p_expected THEN
    RETURN jsonb_build_object('outcome', 'conflict', 'found', current.version);
  END IF;
  IF current.name = p_name AND current.description IS NOT DISTINCT FROM p_description
    AND current.price_amount = p_amount AND current.price_currency = p_currency THEN
    RETURN jsonb_build_object('outcome', 'unchanged', 'after', catalog_product_json(current));
  END IF;
  UPDATE products SET version = current.version + 1, name = p_name, description = p_description,
    price_amount = p_amount, price_currency = p_currency, updated_at = p_at,
    correlation_id = p_correlation_id
  WHERE id = p_id RETURNING * INTO replaced;
  INSERT INTO product_outbox (product_id, kind, before, after, correlation_id)
  VALUES (p_id, 'modified', catalog_product_json(current), catalog_product_json(replaced), p_correlation_id);
  RETURN jsonb_build_object('outcome', 'replaced', 'before', catalog_product_json(current),
    'after', catalog_product_json(replaced));
END
$$;

-- Deletes the live product (at p_expected when given), keeping the id's version as a deletion. Returns
-- {outcome: 'deleted', before, deletion}, {outcome: 'absent'} or {outcome: 'conflict', found}.
CREATE FUNCTION catalog_delete_product(
  p_id uuid, p_at timestamptz, p_correlation_id text, p_expected integer
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  current products;
  deletion jsonb;
BEGIN
  SELECT * INTO current FROM products WHERE id = p_id FOR UPDATE;
  IF NOT FOUND OR current.deleted_at IS NOT NULL THEN
    IF p_expected IS NULL THEN
      RETURN jsonb_build_object('outcome', 'absent');
    END IF;
    RETURN jsonb_build_object('outcome', 'conflict', 'found', 'absent');
  END IF;
  IF p_expected IS NOT NULL AND current.version <> p_expected THEN
    RETURN jsonb_build_object('outcome', 'conflict', 'found', current.version);
  END IF;
  UPDATE products SET version = current.version + 1, name = NULL, description = NULL, price_amount = NULL,
    price_currency = NULL, created_at = NULL, updated_at = NULL, deleted_at = p_at,
    correlation_id = p_correlation_id
  WHERE id = p_id;
  deletion := jsonb_build_object('id', p_id, 'version', current.version + 1, 'deletedAt', catalog_iso(p_at));
  INSERT INTO product_outbox (product_id, kind, before, deletion, correlation_id)
  VALUES (p_id, 'removed', catalog_product_json(current), deletion, p_correlation_id);
  RETURN jsonb_build_object('outcome', 'deleted', 'before', catalog_product_json(current),
    'deletion', deletion);
END
$$;
