-- Orders: the facts of an order registered before any dispute (an ERP at shipping time), so
-- order-level evidence (the packing video uploaded within 2 h of shipping) has an owner.
-- `facts` is the OrderSchema JSON, NULL when the order is known only from an upload.
CREATE TABLE orders (
  order_id    TEXT PRIMARY KEY,
  seller_id   TEXT NOT NULL,
  facts       TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Evidence belongs to an order and/or a dispute: dispute_id becomes nullable (SQLite cannot
-- drop NOT NULL, so the table is rebuilt with its rows), order_id is added, and `review` keeps
-- a person's decision on a needs_review item (JSON: decision, note, by, at).
CREATE TABLE evidence_v8 (
  id           TEXT PRIMARY KEY,
  dispute_id   TEXT REFERENCES disputes (id),
  order_id     TEXT REFERENCES orders (order_id),
  kind         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  media_type   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('checking', 'accepted', 'rejected', 'needs_review')),
  fields       TEXT NOT NULL,
  report       TEXT,
  phash        TEXT,
  uploaded_at  INTEGER NOT NULL,
  checked_at   INTEGER,
  review       TEXT,
  CHECK (dispute_id IS NOT NULL OR order_id IS NOT NULL)
);
INSERT INTO evidence_v8 (id, dispute_id, kind, sha256, bytes, media_type, status, fields, report, phash, uploaded_at, checked_at)
  SELECT id, dispute_id, kind, sha256, bytes, media_type, status, fields, report, phash, uploaded_at, checked_at FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_v8 RENAME TO evidence;
CREATE INDEX evidence_dispute ON evidence (dispute_id, uploaded_at);
CREATE INDEX evidence_sha ON evidence (sha256);
CREATE INDEX evidence_checking ON evidence (status) WHERE status = 'checking';
CREATE INDEX evidence_order ON evidence (order_id, uploaded_at) WHERE order_id IS NOT NULL;
