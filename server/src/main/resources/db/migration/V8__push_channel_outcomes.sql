-- Each push channel's last success and last failure (with why), shown with the device and read by routing:
-- a channel whose last push failed does not count as a way to reach its terminal until one succeeds.
ALTER TABLE push_channels ADD COLUMN last_success_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE push_channels ADD COLUMN last_failure_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE push_channels ADD COLUMN last_failure VARCHAR(300);
