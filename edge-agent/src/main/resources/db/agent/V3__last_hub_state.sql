-- The newest site state the hub signed (issue 10): a panel that reboots during a lockdown comes
-- back locked from here, even when the broker's retained state is gone or a stranger's. One row.
CREATE TABLE last_hub_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    mode     TEXT    NOT NULL,
    incident TEXT,
    since    TEXT    NOT NULL,
    drill    INTEGER NOT NULL,
    version  INTEGER NOT NULL
);
