-- The Message-IDs of the mail SMTP clients delivered, per recipient, so that a client that sends a mail
-- again (its 250 was lost) does not have it stored twice (MailStore.append). A row is kept for the
-- duplicate window (smtp.duplicate-window) after the mail it stands for was received, then pruned; it
-- goes with its user by ON DELETE CASCADE. The primary key makes two sessions that deliver the same
-- mail at once store it once. Runs unchanged on H2 2.x and PostgreSQL 12+, as V1.
CREATE TABLE message_ids (
    owner       VARCHAR(64) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest      VARCHAR(64) NOT NULL, -- SHA-256, in hex, of the envelope sender, a NUL and the Message-ID
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner, digest)
);
CREATE INDEX message_ids_received ON message_ids (received_at);
