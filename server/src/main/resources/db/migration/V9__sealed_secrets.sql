-- Upstream passwords are sealed (AES-256-GCM) with the store key (StoreKey): password_key names the
-- key that sealed a row's password. NULL marks a password kept in clear before this version; the
-- server seals those when it opens the database. Runs unchanged on H2 2.x and PostgreSQL 12+, as V1.
ALTER TABLE upstream_accounts ADD COLUMN password_key VARCHAR(16);
