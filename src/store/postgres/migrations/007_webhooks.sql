-- Webhooks (Standard Webhooks): endpoints, one delivery per (message × endpoint), every attempt.
-- Outbox rows are routed to deliveries once (outbox.delivered_at = routed); see src/webhooks/.

CREATE TABLE webhook_endpoints (
  id                    TEXT COLLATE "C" PRIMARY KEY,
  url                   TEXT NOT NULL,
  description           TEXT,
  -- JSON array of event types; [] = every type.
  events                TEXT NOT NULL,
  secret                TEXT NOT NULL,
  -- During a rotation window the previous secret signs too.
  previous_secret       TEXT,
  previous_secret_until BIGINT,
  disabled_at           BIGINT,
  disabled_reason       TEXT,
  created_at            BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id              TEXT COLLATE "C" PRIMARY KEY,
  -- The webhook-id header: the same on every retry and redelivery of this message.
  message_id      TEXT COLLATE "C" NOT NULL,
  endpoint_id     TEXT COLLATE "C" NOT NULL,
  type            TEXT NOT NULL,
  -- The exact body sent (fixed when routed, so retries and redeliveries are byte-identical).
  body            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- Attempts since the delivery was (re)started: the index into the retry schedule.
  round_attempts  INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_message ON webhook_deliveries (message_id, endpoint_id);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'pending';

CREATE TABLE webhook_attempts (
  delivery_id TEXT COLLATE "C" NOT NULL,
  n           INTEGER NOT NULL,
  at          BIGINT NOT NULL,
  status_code INTEGER,
  latency_ms  INTEGER NOT NULL,
  error       TEXT,
  PRIMARY KEY (delivery_id, n)
);

-- One deadline_approaching notice per deadline instant (a moved deadline is a new one).
CREATE TABLE webhook_deadline_notices (
  dispute_id TEXT COLLATE "C" NOT NULL,
  deadline   TEXT COLLATE "C" NOT NULL,
  due_at     BIGINT NOT NULL,
  noticed_at BIGINT NOT NULL,
  PRIMARY KEY (dispute_id, deadline, due_at)
);

-- The router reads outbox rows not yet routed, oldest first.
CREATE INDEX outbox_unrouted ON outbox (id) WHERE delivered_at IS NULL;
CREATE INDEX outbox_routed ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;

-- Rows written before webhooks existed are history, not news: no endpoint gets them.
UPDATE outbox SET delivered_at = created_at WHERE delivered_at IS NULL;
