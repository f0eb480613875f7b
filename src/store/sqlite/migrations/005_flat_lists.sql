-- The due queue is read most urgent first, (next_due_at, id): with id in these indexes a
-- page is an index range scan, no sort (at 1 M disputes the sort of a 4-week window took 331 ms).
DROP INDEX disputes_status_due;
CREATE INDEX disputes_status_due ON disputes (status, next_due_at, id) WHERE next_due_at IS NOT NULL;
DROP INDEX disputes_due;
CREATE INDEX disputes_due ON disputes (next_due_at, id) WHERE next_due_at IS NOT NULL;

-- The audit log moves to a rowid table: as WITHOUT ROWID, every ~1 kB entry spilled to an
-- overflow page and 67 % of the table's bytes were unused (42 % of a 7 GB file at 1 M disputes).
CREATE TABLE dispute_events_v2 (
  id         INTEGER PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes (id),
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  actor      TEXT NOT NULL,
  at         INTEGER NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
INSERT INTO dispute_events_v2 (dispute_id, seq, type, payload, actor, at, prev_hash, hash)
  SELECT dispute_id, seq, type, payload, actor, at, prev_hash, hash FROM dispute_events ORDER BY dispute_id, seq;
DROP TABLE dispute_events;
ALTER TABLE dispute_events_v2 RENAME TO dispute_events;
CREATE UNIQUE INDEX dispute_events_key ON dispute_events (dispute_id, seq);
CREATE TRIGGER dispute_events_append_only_u BEFORE UPDATE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
CREATE TRIGGER dispute_events_append_only_d BEFORE DELETE ON dispute_events
BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
