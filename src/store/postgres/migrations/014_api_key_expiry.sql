-- Short-lived keys (a helpdesk sidebar's token, src/console/embed-token.ts): refused from
-- expires_at on; NULL never expires. The index serves the prune of long-expired ones.
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
CREATE INDEX api_keys_expiry ON api_keys (expires_at) WHERE expires_at IS NOT NULL;
