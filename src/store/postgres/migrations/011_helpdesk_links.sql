-- Helpdesk tickets linked to disputes (src/integrations/). Chatwoot's conversation id is its
-- ticket_id; account_id is Chatwoot's account (its API paths need it).
CREATE TABLE ticket_links (
  helpdesk    TEXT COLLATE "C" NOT NULL,
  ticket_id   TEXT COLLATE "C" NOT NULL,
  dispute_id  TEXT COLLATE "C" NOT NULL REFERENCES disputes (id),
  account_id  TEXT,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (helpdesk, ticket_id)
);
-- Every dispute change looks its tickets up by this index (one lookup per change).
CREATE INDEX ticket_links_dispute ON ticket_links (dispute_id);

-- Inbound deliveries seen within the staleness tolerance (5 min): a second one is a replay.
CREATE TABLE inbound_seen (
  helpdesk    TEXT COLLATE "C" NOT NULL,
  seen_key    TEXT COLLATE "C" NOT NULL,
  expires_at  BIGINT NOT NULL,
  PRIMARY KEY (helpdesk, seen_key)
);
CREATE INDEX inbound_seen_expiry ON inbound_seen (expires_at);
