-- What people must hear about, appended by the hub's core in the same transaction as the event or
-- escalation that caused it: a notice can never be lost between the alarm and its messages.
CREATE TABLE notices (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    incident      TEXT,
    site          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,  -- ALARM, LOCKDOWN, TAMPER, DRILL_START, DRILL_END, ALL_CLEAR, ESCALATED, PANEL_OFFLINE
    incident_kind TEXT,              -- ALARM, LOCKDOWN, TAMPER: what the incident is
    drill         INTEGER NOT NULL DEFAULT 0,
    panel         TEXT,
    at            TEXT    NOT NULL   -- hub time
);

-- One message to one address on one channel. The unique key (notice, escalation step, channel,
-- address) makes a second message for the same alarm impossible, across restarts too.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key       TEXT    NOT NULL UNIQUE,
    notice          INTEGER NOT NULL REFERENCES notices (id),
    step            INTEGER NOT NULL DEFAULT 0,   -- 0: the routes; n: the n-th escalation step
    incident        TEXT,
    site            TEXT    NOT NULL,
    channel         TEXT    NOT NULL,             -- PUSH, EMAIL, SMS, WEBHOOK
    recipient       TEXT    NOT NULL,             -- user name, group contact or webhook id: never shown in logs
    address         TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL,             -- PENDING, SENDING, SENT, FAILED (will retry), GAVE_UP
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    next_attempt_at INTEGER NOT NULL,             -- epoch ms, hub time (a number, so it compares exactly)
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX notices_incident ON notices (incident);
CREATE INDEX deliveries_incident ON deliveries (incident);

-- How far the notifier has read the notices, and which escalation steps it has taken.
CREATE TABLE notifier_progress (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
-- From the first notice on: one the core writes before the notifier has started is still told.
INSERT INTO notifier_progress (name, value) VALUES ('notices_read', 0);
CREATE TABLE escalation_steps (
    notice INTEGER NOT NULL REFERENCES notices (id),
    step   INTEGER NOT NULL,
    at     TEXT    NOT NULL,
    PRIMARY KEY (notice, step)
);

-- Where a person is reached (personal data: shown only to admins).
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN phone TEXT;
