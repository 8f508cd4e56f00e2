-- Backups made of this database (central-hub backup), so the hub can tell how old its newest is.
CREATE TABLE backups (
    at        TEXT NOT NULL,   -- hub time the snapshot was taken
    file      TEXT NOT NULL,   -- the backup's file name (not its folder)
    bytes     INTEGER NOT NULL,
    encrypted INTEGER NOT NULL
);
CREATE INDEX backups_at ON backups (at);
