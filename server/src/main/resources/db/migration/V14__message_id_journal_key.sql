-- The journal key of the mail that made each Message-ID claim (NULL without a journal, as on
-- PostgreSQL): a mail the journal stores again after a crash, whose claim the database kept though it
-- lost the mail, finds the claim its own rather than a duplicate's (JdbcMailStore). Runs unchanged on
-- H2 2.x and PostgreSQL 12+, as V1.
ALTER TABLE message_ids ADD COLUMN journal_key BIGINT;
