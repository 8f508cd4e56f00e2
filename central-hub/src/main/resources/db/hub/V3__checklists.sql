-- Ticked checklist items of an incident; the items themselves come from the hub's configuration.
CREATE TABLE checklist_ticks (
    incident TEXT    NOT NULL REFERENCES incidents (id),
    item     INTEGER NOT NULL,
    text     TEXT    NOT NULL,   -- the item as it read when ticked
    at       TEXT    NOT NULL,
    by_user  TEXT    NOT NULL,
    PRIMARY KEY (incident, item)
);
