-- Retention looks for old acknowledged deliveries and old plans.
CREATE INDEX outbox_acked ON outbox (acked_at);
CREATE INDEX plans_decided ON plans (decided_at);
