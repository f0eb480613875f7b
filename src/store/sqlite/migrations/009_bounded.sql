-- Issue 9: bounded queues and storage.

-- A fair check queue: jobs are claimed by turn (round-robin across sellers), light before
-- heavy within a turn (a photo is not stuck behind six one-hour videos), then oldest first.
-- lane: 0 light, 1 heavy.
ALTER TABLE jobs ADD COLUMN fair_key TEXT;
ALTER TABLE jobs ADD COLUMN lane INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_fair_order ON jobs (kind, turn, lane, run_at) WHERE done_at IS NULL;
CREATE INDEX jobs_fair_key ON jobs (kind, fair_key, lane, turn) WHERE done_at IS NULL;

-- Rejected and orphaned files are removed by the retention sweep; the row stays and says so.
ALTER TABLE evidence ADD COLUMN file_removed_at INTEGER;

-- Idempotency answers expire; the sweep deletes them oldest first.
CREATE INDEX idempotency_created ON idempotency (created_at);
