-- Reports read statistical fields only; descriptions and incident_people are never read here.
-- ?3 is a JSON array of the site ids in scope, NULL for every site.

-- name: incidents
-- Times come back as epoch milliseconds: SQLite's date parser is cheaper than one in Java per row.
SELECT site, category, drill, CAST(round(unixepoch(opened_at, 'subsec') * 1000) AS INTEGER),
       CAST(round(unixepoch(acknowledged_at, 'subsec') * 1000) AS INTEGER),
       CAST(round(unixepoch(closed_at, 'subsec') * 1000) AS INTEGER), status, ladder_step
  FROM incidents
 WHERE opened_at >= ?1 AND opened_at < ?2 AND (?3 IS NULL OR site IN (SELECT value FROM json_each(?3)));

-- name: themes
-- CROSS JOIN keeps the few themed incidents as the outer loop; the planner would otherwise walk
-- every incident of the period and probe for themes (4x slower on a million incidents).
SELECT i.site, t.theme, i.opened_at
  FROM incident_themes t CROSS JOIN incidents i ON i.id = t.incident
 WHERE i.opened_at >= ?1 AND i.opened_at < ?2 AND (?3 IS NULL OR i.site IN (SELECT value FROM json_each(?3)));

-- name: degrading_by_site
-- For the under-reporting comparison: always the whole organisation.
SELECT site, count(*) FROM incidents
 WHERE category = 'DEGRADING_TREATMENT' AND drill = 0 AND opened_at >= ?1 AND opened_at < ?2
 GROUP BY site;

-- name: presence
-- Each panel's state when the period began, then every change within it, in time order. The log
-- has no per-panel index (a storm wrote a page per panel for it), so the state at the start is not
-- looked up as the last change before it: changes alternate, so a panel's first change at or after
-- the start tells what it was before, and a panel with none since is as panel_presence says now.
-- Only panels whose first change came before the start had a known state then. The row stands at
-- the panel's first change (the report clips it to the start); its kind is the state it says.
WITH since AS (
  SELECT site, panel, kind, min(at) AS at FROM supervision
   WHERE at >= ?1 AND (?3 IS NULL OR site IN (SELECT value FROM json_each(?3)))
   GROUP BY site, panel
)
SELECT p.site, p.panel,
       CASE WHEN s.kind = 'STATUS_ONLINE' THEN 'STATUS_OFFLINE'
            WHEN s.kind IS NOT NULL OR p.online = 1 THEN 'STATUS_ONLINE'
            ELSE 'STATUS_OFFLINE' END AS kind,
       p.first_change_at AS at
  FROM panel_presence p LEFT JOIN since s ON s.site = p.site AND s.panel = p.panel
 WHERE p.first_change_at < ?1 AND (?3 IS NULL OR p.site IN (SELECT value FROM json_each(?3)))
UNION ALL
SELECT site, panel, kind, at FROM supervision
 WHERE at >= ?1 AND at < ?2 AND (?3 IS NULL OR site IN (SELECT value FROM json_each(?3)))
 ORDER BY at;

-- name: open_follow_ups
SELECT site, category, follow_up_on FROM incidents
 WHERE status <> 'CLOSED' AND follow_up_on IS NOT NULL
   AND (?1 IS NULL OR site IN (SELECT value FROM json_each(?1)));

-- name: plan
SELECT id, year, site, focus_area, activity, goal, follow_up FROM action_plan
 WHERE year = ?1 AND (site IS NULL OR ?2 IS NULL OR site IN (SELECT value FROM json_each(?2)))
 ORDER BY site IS NOT NULL, site, id;

-- name: plan_item
SELECT id, year, site, focus_area, activity, goal, follow_up FROM action_plan WHERE id = ?;

-- name: plan_insert
INSERT INTO action_plan (year, site, focus_area, activity, goal, follow_up, updated_at, updated_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: plan_update
UPDATE action_plan SET year = ?, site = ?, focus_area = ?, activity = ?, goal = ?, follow_up = ?, updated_at = ?,
       updated_by = ?
 WHERE id = ?;

-- name: plan_delete
DELETE FROM action_plan WHERE id = ?;
