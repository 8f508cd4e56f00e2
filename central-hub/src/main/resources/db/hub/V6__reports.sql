-- The action-plan follow-up table (seed 004) that administration fills in; carried into the
-- yearly report. site is NULL for rows that concern the whole organisation.
CREATE TABLE action_plan (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    year       INTEGER NOT NULL,
    site       TEXT,
    focus_area TEXT NOT NULL,
    activity   TEXT NOT NULL,
    goal       TEXT NOT NULL DEFAULT '',
    follow_up  TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX action_plan_year ON action_plan (year);

-- Panel availability reads each panel's changes in time order.
CREATE INDEX supervision_panel_at ON supervision (site, panel, at);
CREATE INDEX supervision_at ON supervision (at);
