-- Disputes: the latest snapshot of each actor, guarded by an optimistic version.
CREATE TABLE disputes (
  id             TEXT PRIMARY KEY,
  external_id    TEXT,
  seller_id      TEXT NOT NULL,
  status         TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  opened_at      INTEGER NOT NULL,
  next_due_at    INTEGER,
  snapshot       TEXT NOT NULL,
  version        INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX disputes_external ON disputes (seller_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX disputes_status ON disputes (status, id);
CREATE INDEX disputes_due ON disputes (next_due_at) WHERE next_due_at IS NOT NULL;

-- The audit log: append-only, one row per accepted event, seq = the version it produced,
-- each row hash-chained to the one before (sha256 of prev_hash and the row's content).
CREATE TABLE dispute_events (
  dispute_id TEXT NOT NULL REFERENCES disputes (id),
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  actor      TEXT NOT NULL,
  at         INTEGER NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL,
  PRIMARY KEY (dispute_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER dispute_events_append_only_u BEFORE UPDATE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
CREATE TRIGGER dispute_events_append_only_d BEFORE DELETE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;

-- Deadlines in force, mirrored from each snapshot; the poller claims due rows with a lease.
CREATE TABLE timers (
  dispute_id  TEXT NOT NULL REFERENCES disputes (id),
  deadline    TEXT NOT NULL,
  due_at      INTEGER NOT NULL,
  lease_until INTEGER,
  PRIMARY KEY (dispute_id, deadline)
) WITHOUT ROWID;
CREATE INDEX timers_due ON timers (due_at);

-- Webhook outbox: written in the command's transaction, delivered after commit.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  dispute_id   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  type         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  delivered_at INTEGER
);

-- Idempotency-Key: the first answer to a key, replayed on retries.
CREATE TABLE idempotency (
  key          TEXT NOT NULL,
  scope        TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
