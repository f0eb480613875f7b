-- PostgreSQL twin of sqlite/migrations/012_queue_columns.sql: the agent queue's columns, copied
-- from the snapshot and its preview in the unit of work that writes them (src/workflow/triage.ts).
-- The backfill reads the TEXT JSON columns through queue_readable_json: PostgreSQL's json and
-- jsonb both refuse "\u0000" and lone surrogates ("\ud800"), which JSON.stringify writes for
-- free text (a barcode's bytes, an OCR line); one such snapshot would fail the migration and
-- stop every start. Those escapes become U+FFFD, only inside strings this backfill never reads
-- (it reads enums, codes, numbers), and the stored text is left as it is.
CREATE FUNCTION queue_readable_json(t TEXT) RETURNS json LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(t, '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd', 'g')::json
$$;
ALTER TABLE disputes
  ADD COLUMN reason        TEXT COLLATE "C",
  ADD COLUMN amount_minor  BIGINT,
  ADD COLUMN currency      TEXT COLLATE "C",
  ADD COLUMN favours       TEXT COLLATE "C",
  ADD COLUMN missing       TEXT,
  ADD COLUMN needs_review  INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN next_deadline TEXT COLLATE "C";

UPDATE disputes d SET
  reason = s.j #>> '{context,reason}',
  currency = s.j #>> '{context,order,amount,currency}',
  needs_review = CASE WHEN d.status = 'resolved' THEN 0 ELSE
    (SELECT count(*) FROM json_array_elements(s.j #> '{context,evidence}') e WHERE e ->> 'status' = 'needs_review') END,
  next_deadline = (SELECT key FROM json_each_text(s.j #> '{context,deadlines}') ORDER BY value::bigint, key LIMIT 1)
FROM (SELECT id, queue_readable_json(snapshot) AS j FROM disputes) s
WHERE s.id = d.id;

-- "64.9" USD → 6490: minor units from src/domain/iso4217.ts (0 and 3 listed, 2 otherwise).
UPDATE disputes d SET amount_minor = split_part(a.v, '.', 1)::bigint * (CASE a.units WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END)
    + coalesce(nullif(rpad(split_part(a.v, '.', 2), a.units, '0'), '')::bigint, 0)
FROM (
  SELECT id, queue_readable_json(snapshot) #>> '{context,order,amount,value}' AS v,
    CASE
      WHEN currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') THEN 0
      WHEN currency IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 3
      ELSE 2
    END AS units
  FROM disputes WHERE currency IS NOT NULL
) a
WHERE a.id = d.id;

-- Side and missing evidence from the latest preview stored on a change (the preview as of the last write).
UPDATE disputes d SET
  favours = p.j ->> 'favours',
  missing = (SELECT coalesce(json_agg(json_build_object('kind', k.kind, 'dueBy', k.due_by) ORDER BY k.first), '[]'::json)::text FROM (
    SELECT m ->> 'kind' AS kind, min((m ->> 'dueBy')::bigint) AS due_by, min(n) AS first
    FROM json_array_elements(p.j -> 'missing') WITH ORDINALITY AS x(m, n) GROUP BY 1) k)
FROM (SELECT DISTINCT ON (dispute_id) dispute_id, queue_readable_json(preview) AS j FROM dispute_previews WHERE kind = 'change' ORDER BY dispute_id, seq DESC) p
WHERE p.dispute_id = d.id;

DROP FUNCTION queue_readable_json(TEXT);

-- Urgency order (next_due_at ascending — NULLS LAST is PostgreSQL's default — then id) on every
-- filter the queue offers; the same ranges as SQLite's (src/store/dispute-list-plan.ts).
DROP INDEX disputes_due;
CREATE INDEX disputes_due ON disputes (next_due_at, id);
DROP INDEX disputes_status_due;
CREATE INDEX disputes_status_due ON disputes (status, next_due_at, id);
CREATE INDEX disputes_seller_due ON disputes (seller_id, next_due_at, id);
CREATE INDEX disputes_favours_due ON disputes (favours, next_due_at, id);
-- Few disputes wait for review at any time: a partial index holds just them.
CREATE INDEX disputes_review_due ON disputes (next_due_at, id) WHERE needs_review > 0;
