-- Each upstream account's baseline (UpstreamBaseline): what its mailbox held when the watcher first
-- reached it. That mail is never stored nor pushed; the watcher's cursor is the later of the baseline
-- and the mail stored since. Runs unchanged on H2 2.x and PostgreSQL 12+, as V1. A baseline goes
-- with its account by ON DELETE CASCADE.

-- One row per account, written once, in the transaction that also writes its UIDLs. An IMAP
-- folder's baseline is its UIDVALIDITY and the highest UID in it (0 when it was empty); a POP3
-- maildrop's leaves both NULL and lists its UIDLs in upstream_baseline_uidls.
CREATE TABLE upstream_baselines (
    account_id   BIGINT NOT NULL PRIMARY KEY REFERENCES upstream_accounts (id) ON DELETE CASCADE,
    uid_validity BIGINT,
    last_uid     BIGINT
);

-- The UIDLs of the mails in a POP3 maildrop at its baseline.
CREATE TABLE upstream_baseline_uidls (
    account_id BIGINT NOT NULL REFERENCES upstream_accounts (id) ON DELETE CASCADE,
    uidl       TEXT NOT NULL
);
CREATE INDEX upstream_baseline_uidls_account ON upstream_baseline_uidls (account_id);
