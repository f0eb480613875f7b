-- The verdict preview's timeline: a row whenever an event changed what the rules would say,
-- and the preview at the moment a dispute entered arbitration, kept for the arbitrator.
CREATE TABLE dispute_previews (
  dispute_id TEXT NOT NULL REFERENCES disputes (id),
  seq        INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('change', 'pre_arbitration')),
  preview    TEXT NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (dispute_id, seq, kind)
) WITHOUT ROWID;
ALTER TABLE disputes ADD COLUMN preview_digest TEXT;
