-- name: unacknowledged_alarms
-- The oldest open real alarm or lockdown per site that nobody acknowledged (drills page nobody).
SELECT site, min(opened_at) AS oldest FROM incidents
WHERE closed_at IS NULL AND acknowledged_at IS NULL AND drill = 0 AND kind IN ('LOCKDOWN', 'ALARM')
GROUP BY site;
