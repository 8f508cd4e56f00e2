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

-- Reports scan a year or two of incidents: a covering index lets SQLite read them in time order
-- without visiting the table (2x faster on a million incidents, docs/performance.md).
CREATE INDEX incidents_report ON incidents (opened_at, site, category, drill, acknowledged_at, closed_at, status,
                                            ladder_step);
