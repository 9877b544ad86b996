-- Which node of a cluster holds which terminal's link (docs/cluster.md), until held_until; renewed
-- while the link lives, and set to when the link ended when it ends, kept a day so that every node
-- knows how long ago a terminal lost its link. No reference to devices: a removed terminal's entry
-- is forgotten a day after its lease ended.
CREATE TABLE terminal_directory (
    device_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    node_id    VARCHAR(64) NOT NULL,
    held_until TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX terminal_directory_node ON terminal_directory (node_id);
CREATE INDEX terminal_directory_until ON terminal_directory (held_until);
