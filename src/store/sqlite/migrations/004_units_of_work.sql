-- The machine version that wrote each snapshot (restore refuses what it does not know).
ALTER TABLE disputes ADD COLUMN machine_version TEXT NOT NULL DEFAULT '1';

-- Lists stay flat as the table grows: status + next due (the "due soon" queue), seller + id.
CREATE INDEX disputes_status_due ON disputes (status, next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX disputes_seller ON disputes (seller_id, id);

-- Previews move to a rowid table: a WITHOUT ROWID table stores its multi-kB rows in the
-- b-tree itself, and at 1 M disputes 69 % of its pages were unused.
CREATE TABLE dispute_previews_v2 (
  id         INTEGER PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes (id),
  seq        INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('change', 'pre_arbitration')),
  preview    TEXT NOT NULL,
  at         INTEGER NOT NULL
);
INSERT INTO dispute_previews_v2 (dispute_id, seq, kind, preview, at)
  SELECT dispute_id, seq, kind, preview, at FROM dispute_previews ORDER BY dispute_id, seq, kind;
DROP TABLE dispute_previews;
ALTER TABLE dispute_previews_v2 RENAME TO dispute_previews;
CREATE UNIQUE INDEX dispute_previews_key ON dispute_previews (dispute_id, seq, kind);

-- Durable jobs (evidence checks…): claimed with a lease by any process. `attempt` grows on
-- every claim and fences a stale holder: its complete/release match no row.
CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  payload     TEXT NOT NULL,
  run_at      INTEGER NOT NULL,
  attempt     INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  done_at     INTEGER
);
CREATE INDEX jobs_runnable ON jobs (kind, run_at) WHERE done_at IS NULL;

-- Evidence whose checks never finished becomes a job (before this version a restart re-ran them).
INSERT INTO jobs (kind, payload, run_at, created_at)
  SELECT 'evidence.check', json_object('evidenceId', id), uploaded_at, uploaded_at FROM evidence WHERE status = 'checking';
