-- The incident log: the incidents panels raise and the ones staff register by hand share one
-- table. Only statistical fields live here; people's details are in incident_people.
ALTER TABLE incidents ADD COLUMN category    TEXT;             -- Category; panel incidents: their kind
ALTER TABLE incidents ADD COLUMN severity    INTEGER;          -- 1 (low) .. 4 (critical)
ALTER TABLE incidents ADD COLUMN description TEXT;             -- what happened, without names
ALTER TABLE incidents ADD COLUMN status      TEXT NOT NULL DEFAULT 'REPORTED';
ALTER TABLE incidents ADD COLUMN ladder_step INTEGER;          -- åtgärdstrappan 1..5
ALTER TABLE incidents ADD COLUMN follow_up_on TEXT;            -- date of the next follow-up
ALTER TABLE incidents ADD COLUMN measures    TEXT;
ALTER TABLE incidents ADD COLUMN reported_by TEXT;
UPDATE incidents SET category = kind WHERE category IS NULL;
CREATE INDEX incidents_opened ON incidents (opened_at);
CREATE INDEX incidents_category_opened ON incidents (category, opened_at);

-- Themes the board follows on their own (tags), e.g. a conflict or violent extremism.
CREATE TABLE incident_themes (
    incident TEXT NOT NULL REFERENCES incidents (id),
    theme    TEXT NOT NULL,
    PRIMARY KEY (incident, theme)
);
CREATE INDEX incident_themes_theme ON incident_themes (theme);

-- Personal details of people involved. Never read by reports or exports.
CREATE TABLE incident_people (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    incident   TEXT NOT NULL REFERENCES incidents (id),
    name       TEXT NOT NULL,
    part       TEXT NOT NULL,          -- e.g. utsatt elev, vårdnadshavare, vittne
    note       TEXT,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
);
CREATE INDEX incident_people_incident ON incident_people (incident);
