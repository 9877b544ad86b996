-- Why the last push of a delivery through the terminal's push channels failed, until it is sent or acknowledged.
ALTER TABLE outbox ADD COLUMN failure VARCHAR(300);
