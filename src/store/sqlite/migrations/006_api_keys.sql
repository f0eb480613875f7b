-- API keys: only the SHA-256 of each secret is kept; the key itself is shown once at creation.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL,
  seller_id   TEXT,
  name        TEXT,
  env         TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
