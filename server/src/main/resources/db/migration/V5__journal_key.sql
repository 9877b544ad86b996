-- The key of a mail's record in the mail journal (store.journal), which stands in front of H2: at
-- start the journal stores again each record whose key no mail has. NULL for mail stored without a
-- journal (PostgreSQL). Runs unchanged on H2 2.x and PostgreSQL 12+, as V1; both let a unique index
-- hold any number of NULLs.
ALTER TABLE mail ADD COLUMN journal_key BIGINT;
CREATE UNIQUE INDEX mail_journal_key ON mail (journal_key);
