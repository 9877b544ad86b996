-- Each device's reports of the last day (ReportStore.HISTORY), for the history of its states on the
-- Devices page. No location: the latest place stays in reports, no trail of places is kept.
CREATE TABLE report_history (
    device_id   VARCHAR(64) NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    power       VARCHAR(16) NOT NULL,
    last_input  TIMESTAMP WITH TIME ZONE,
    proximity   VARCHAR(16) NOT NULL,
    temperature DOUBLE PRECISION
);
CREATE INDEX report_history_device ON report_history (device_id, reported_at);
