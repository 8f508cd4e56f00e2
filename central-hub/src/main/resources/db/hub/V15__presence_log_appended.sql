-- The supervision log is appended in time order and has no per-panel index any more. That index put
-- each of a storm's 10,000 rows on a leaf of its own: 1.3 of the 2.1 pages a presence change wrote
-- to the write-ahead log (docs/performance.md, 2026-12-04). What it served, each panel's state when a
-- report's period begins, comes from the panel's row here and the changes since the period began.

-- When the panel's first supervision change was recorded (hub time); NULL: none yet.
ALTER TABLE panel_presence ADD COLUMN first_change_at TEXT;

UPDATE panel_presence
   SET first_change_at = (SELECT min(s.at) FROM supervision s
                           WHERE s.site = panel_presence.site AND s.panel = panel_presence.panel);

DROP INDEX supervision_panel_at;
