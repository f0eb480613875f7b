-- Evidence: one uploaded file of a declared kind, stored at its content address.
CREATE TABLE evidence (
  id           TEXT PRIMARY KEY,
  dispute_id   TEXT NOT NULL REFERENCES disputes (id),
  kind         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  media_type   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('checking', 'accepted', 'rejected', 'needs_review')),
  fields       TEXT NOT NULL,
  report       TEXT,
  phash        TEXT,
  uploaded_at  INTEGER NOT NULL,
  checked_at   INTEGER
);
CREATE INDEX evidence_dispute ON evidence (dispute_id, uploaded_at);
CREATE INDEX evidence_sha ON evidence (sha256);
CREATE INDEX evidence_checking ON evidence (status) WHERE status = 'checking';
