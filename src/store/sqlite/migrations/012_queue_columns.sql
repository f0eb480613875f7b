-- Issue 11: the agent queue. What an agent triages on, copied from the snapshot and its preview
-- in the unit of work that writes them (src/workflow/triage.ts), so a page of 50 reads columns
-- and parses no snapshot (parsing 50 snapshots was ~2/3 of a list's time).
ALTER TABLE disputes ADD COLUMN reason TEXT;
-- The order's amount in its currency's minor units (src/domain/money.ts toMinor).
ALTER TABLE disputes ADD COLUMN amount_minor INTEGER;
ALTER TABLE disputes ADD COLUMN currency TEXT;
-- The latest preview's side (buyer | seller | split | undecided) and what it still asks for:
-- JSON [{"kind", "dueBy"}], one per evidence kind (5 kinds at most).
ALTER TABLE disputes ADD COLUMN favours TEXT;
ALTER TABLE disputes ADD COLUMN missing TEXT;
-- Evidence items waiting for a person (0 once resolved: no review can land then).
ALTER TABLE disputes ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
-- Which deadline next_due_at is.
ALTER TABLE disputes ADD COLUMN next_deadline TEXT;

-- Backfill from each snapshot, as triage.ts computes them.
UPDATE disputes SET
  reason = json_extract(snapshot, '$.context.reason'),
  currency = json_extract(snapshot, '$.context.order.amount.currency'),
  needs_review = CASE WHEN status = 'resolved' THEN 0 ELSE
    (SELECT count(*) FROM json_each(disputes.snapshot, '$.context.evidence') e WHERE json_extract(e.value, '$.status') = 'needs_review') END,
  next_deadline = (SELECT d.key FROM json_each(disputes.snapshot, '$.context.deadlines') d ORDER BY d.value, d.key LIMIT 1);

-- "64.9" USD → 6490: minor units from src/domain/iso4217.ts (0 and 3 listed, 2 otherwise).
UPDATE disputes SET amount_minor = (
  SELECT CAST(whole AS INTEGER) * scale + CAST(substr(frac || '000', 1, units) AS INTEGER)
  FROM (
    SELECT units, CASE units WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END AS scale,
      CASE WHEN instr(v, '.') > 0 THEN substr(v, 1, instr(v, '.') - 1) ELSE v END AS whole,
      CASE WHEN instr(v, '.') > 0 THEN substr(v, instr(v, '.') + 1) ELSE '' END AS frac
    FROM (
      SELECT json_extract(disputes.snapshot, '$.context.order.amount.value') AS v,
        CASE
          WHEN disputes.currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') THEN 0
          WHEN disputes.currency IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 3
          ELSE 2
        END AS units)))
WHERE currency IS NOT NULL;

-- Side and missing evidence from the latest preview stored on a change (the preview as of the last write).
UPDATE disputes SET
  favours = (SELECT json_extract(p.preview, '$.favours') FROM dispute_previews p
    WHERE p.dispute_id = disputes.id AND p.kind = 'change' ORDER BY p.seq DESC LIMIT 1),
  missing = (SELECT json_group_array(json_object('kind', kind, 'dueBy', due_by)) FROM (
    SELECT json_extract(m.value, '$.kind') AS kind, min(json_extract(m.value, '$.dueBy')) AS due_by, min(CAST(m.key AS INTEGER)) AS first
    FROM dispute_previews p, json_each(p.preview, '$.missing') m
    WHERE p.dispute_id = disputes.id AND p.kind = 'change'
      AND p.seq = (SELECT max(seq) FROM dispute_previews WHERE dispute_id = disputes.id AND kind = 'change')
    GROUP BY kind ORDER BY first));

-- Urgency order (next_due_at, nulls last, then id) on every filter the queue offers: with
-- NULLs in these indexes (no longer partial) a page reads dated rows, then undated ones, as
-- two ranges of one index, no sort (src/store/dispute-list-plan.ts).
DROP INDEX disputes_due;
CREATE INDEX disputes_due ON disputes (next_due_at, id);
DROP INDEX disputes_status_due;
CREATE INDEX disputes_status_due ON disputes (status, next_due_at, id);
CREATE INDEX disputes_seller_due ON disputes (seller_id, next_due_at, id);
CREATE INDEX disputes_favours_due ON disputes (favours, next_due_at, id);
-- Few disputes wait for review at any time: a partial index holds just them.
CREATE INDEX disputes_review_due ON disputes (next_due_at, id) WHERE needs_review > 0;
