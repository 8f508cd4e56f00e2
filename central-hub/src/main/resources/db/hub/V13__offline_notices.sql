-- Which outages the notifier has told of: one notice per panel outage (its last-seen time, hub
-- time), never again for the same outage, also after a restart.
CREATE TABLE offline_notices (
    site   TEXT NOT NULL,
    panel  TEXT NOT NULL,
    since  TEXT NOT NULL,
    notice INTEGER NOT NULL REFERENCES notices (id),
    PRIMARY KEY (site, panel, since)
);
