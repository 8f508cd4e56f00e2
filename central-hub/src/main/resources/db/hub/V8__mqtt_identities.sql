-- Who may connect to the broker (issue 10): one row per MQTT identity, the hub's two and one per
-- panel. Only the Mosquitto-format hash is kept; the password itself is written once, into the
-- credentials directory of the client it belongs to. A revoked identity is left out of the broker's
-- password file the next time broker-config writes it.
CREATE TABLE mqtt_identities (
    username      TEXT PRIMARY KEY,
    site          TEXT,
    panel         TEXT,
    password_hash TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    revoked_at    TEXT
);
