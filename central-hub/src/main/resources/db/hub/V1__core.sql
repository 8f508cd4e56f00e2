-- Every event a panel sent, once (the id is the panel's outbox id).
CREATE TABLE events (
    id          TEXT    PRIMARY KEY,
    site        TEXT    NOT NULL,
    panel       TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    at          TEXT    NOT NULL,   -- when it happened, by the panel's clock
    seq         INTEGER NOT NULL,
    drill       INTEGER NOT NULL DEFAULT 0,
    received_at TEXT    NOT NULL,   -- when the hub recorded it
    incident_id TEXT
);
CREATE INDEX events_site_at ON events (site, at);

CREATE TABLE incidents (
    id              TEXT PRIMARY KEY,
    site            TEXT NOT NULL,
    kind            TEXT NOT NULL,  -- LOCKDOWN, ALARM, TAMPER, PANEL_OFFLINE
    drill           INTEGER NOT NULL DEFAULT 0,
    opened_at       TEXT NOT NULL,
    opened_by_event TEXT,
    panel           TEXT,
    closed_at       TEXT,
    closed_by_event TEXT
);
CREATE INDEX incidents_site_opened ON incidents (site, opened_at);

-- The lockdown state machine's current mode per site; the hub restores from here.
CREATE TABLE site_state (
    site       TEXT PRIMARY KEY,
    mode       TEXT NOT NULL,
    incident   TEXT,
    since      TEXT NOT NULL,
    drill      INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

CREATE TABLE panel_presence (
    site      TEXT NOT NULL,
    panel     TEXT NOT NULL,
    online    INTEGER NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (site, panel)
);

-- Supervision: panels going online/offline and why.
CREATE TABLE supervision (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    site   TEXT NOT NULL,
    panel  TEXT NOT NULL,
    kind   TEXT NOT NULL,  -- STATUS_ONLINE, STATUS_OFFLINE, HEARTBEAT_TIMEOUT
    at     TEXT NOT NULL
);

-- Messages refused at the edge of the hub, kept for the security unit to review.
CREATE TABLE rejected_messages (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    topic  TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL
);
