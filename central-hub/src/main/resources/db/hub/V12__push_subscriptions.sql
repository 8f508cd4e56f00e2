-- Devices that receive Web Push: a signed-in user's phones and desktops, or a school's staff who
-- subscribed with the school's invitation (no account). The id is what a delivery is addressed to.
CREATE TABLE push_subscriptions (
    id         TEXT PRIMARY KEY,
    username   TEXT REFERENCES users (username),
    staff_site TEXT,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    label      TEXT,
    created_at TEXT NOT NULL,
    expired_at TEXT,                 -- the push service said the subscription is gone (404/410)
    CHECK ((username IS NULL) <> (staff_site IS NULL))
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (username);
CREATE INDEX push_subscriptions_staff ON push_subscriptions (staff_site);

-- A school's revocable invitation for its staff to subscribe their phones; only a hash is kept.
CREATE TABLE staff_invitations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    site       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
