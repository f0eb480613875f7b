-- Orders: the facts of an order registered before any dispute (an ERP at shipping time), so
-- order-level evidence (the packing video uploaded within 2 h of shipping) has an owner.
-- `facts` is the OrderSchema JSON, NULL when the order is known only from an upload.
CREATE TABLE orders (
  order_id    TEXT COLLATE "C" PRIMARY KEY,
  seller_id   TEXT COLLATE "C" NOT NULL,
  facts       TEXT,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);

-- Evidence belongs to an order and/or a dispute; `review` keeps a person's decision on a
-- needs_review item (JSON: decision, note, by, at). (SQLite's 008 rebuilds the table for this.)
ALTER TABLE evidence ALTER COLUMN dispute_id DROP NOT NULL;
ALTER TABLE evidence ADD COLUMN order_id TEXT COLLATE "C" REFERENCES orders (order_id);
ALTER TABLE evidence ADD COLUMN review TEXT;
ALTER TABLE evidence ADD CONSTRAINT evidence_owner CHECK (dispute_id IS NOT NULL OR order_id IS NOT NULL);
CREATE INDEX evidence_order ON evidence (order_id, uploaded_at) WHERE order_id IS NOT NULL;
