-- How to reach a terminal that holds no link: its Web Push or UnifiedPush subscriptions (PushChannels).
CREATE TABLE push_channels (
    endpoint   VARCHAR(2048) NOT NULL PRIMARY KEY,
    device_id  VARCHAR(64) NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    kind       VARCHAR(16) NOT NULL,
    p256dh     VARCHAR(128) NOT NULL,
    auth       VARCHAR(128) NOT NULL,
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX push_channels_device ON push_channels (device_id);
