-- Evidence: one uploaded file of a declared kind, stored at its content address.
CREATE TABLE evidence (
  id           TEXT COLLATE "C" PRIMARY KEY,
  dispute_id   TEXT COLLATE "C" NOT NULL REFERENCES disputes (id),
  kind         TEXT NOT NULL,
  sha256       TEXT COLLATE "C" NOT NULL,
  bytes        BIGINT NOT NULL,
  media_type   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('checking', 'accepted', 'rejected', 'needs_review')),
  fields       TEXT NOT NULL,
  report       TEXT,
  phash        TEXT,
  uploaded_at  BIGINT NOT NULL,
  checked_at   BIGINT
);
CREATE INDEX evidence_dispute ON evidence (dispute_id, uploaded_at);
CREATE INDEX evidence_sha ON evidence (sha256);
CREATE INDEX evidence_checking ON evidence (status) WHERE status = 'checking';
