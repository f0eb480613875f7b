-- The verdict preview's timeline: a row whenever an event changed what the rules would say,
-- and the preview at the moment a dispute entered arbitration, kept for the arbitrator.
CREATE TABLE dispute_previews (
  dispute_id TEXT COLLATE "C" NOT NULL REFERENCES disputes (id),
  seq        INTEGER NOT NULL,
  kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('change', 'pre_arbitration')),
  preview    TEXT NOT NULL,
  at         BIGINT NOT NULL,
  PRIMARY KEY (dispute_id, seq, kind)
);
ALTER TABLE disputes ADD COLUMN preview_digest TEXT;
