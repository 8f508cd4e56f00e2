-- Durable outbox of one panel. A row is written before the event is published and stays
-- unconfirmed until the hub's ack names its id.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT, -- per-panel order, never reused
    id           TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    drill        INTEGER NOT NULL DEFAULT 0,
    droppable    INTEGER NOT NULL,                  -- 0: life-safety event, never dropped for capacity
    attempts     INTEGER NOT NULL DEFAULT 0,
    published_at TEXT,                              -- last time the broker acknowledged a publish
    confirmed_at TEXT                               -- when the hub's ack arrived
);
CREATE INDEX outbox_unconfirmed ON outbox (confirmed_at, seq);
