-- name: event_incident
SELECT incident_id FROM events WHERE id = ?;

-- name: insert_event
INSERT INTO events (id, site, panel, type, at, seq, drill, received_at, incident_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: open_incident
INSERT INTO incidents (id, site, kind, drill, opened_at, opened_by_event, panel, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?3);

-- name: close_incident
UPDATE incidents SET closed_at = ?, closed_by_event = ? WHERE id = ? AND closed_at IS NULL;

-- name: upsert_site_state
INSERT INTO site_state (site, mode, incident, since, drill, updated_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (site) DO UPDATE SET mode = excluded.mode, incident = excluded.incident,
    since = excluded.since, drill = excluded.drill, updated_at = excluded.updated_at;

-- name: site_states
SELECT site, mode, incident, since, drill FROM site_state;

-- name: upsert_presence
INSERT INTO panel_presence (site, panel, online, last_seen) VALUES (?, ?, ?, ?)
ON CONFLICT (site, panel) DO UPDATE SET online = excluded.online, last_seen = excluded.last_seen;

-- name: presences
SELECT site, panel, online, last_seen FROM panel_presence;

-- name: insert_supervision
INSERT INTO supervision (site, panel, kind, at) VALUES (?, ?, ?, ?);

-- name: insert_rejection
INSERT INTO rejected_messages (at, topic, reason, detail) VALUES (?, ?, ?, ?);

-- name: incidents
SELECT id, site, kind, drill, opened_at, panel, closed_at, acknowledged_at, acknowledged_by, escalated_at FROM incidents
 WHERE kind <> 'MANUAL' AND (? IS NULL OR site = ?) ORDER BY opened_at DESC LIMIT ?;

-- name: events
SELECT id, site, panel, type, at, seq, drill, received_at, incident_id FROM events
 WHERE (? IS NULL OR site = ?) ORDER BY received_at DESC LIMIT ?;

-- name: count_events
SELECT count(*) FROM events;

-- name: acknowledge
UPDATE incidents SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL;

-- name: insert_note
INSERT INTO incident_notes (incident, at, author, text) VALUES (?, ?, ?, ?);

-- name: notes
SELECT at, author, text FROM incident_notes WHERE incident = ? ORDER BY id;

-- name: incident_ref
SELECT site, kind FROM incidents WHERE id = ?;

-- name: tick
INSERT INTO checklist_ticks (incident, item, text, at, by_user) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (incident, item) DO NOTHING;

-- name: ticks
SELECT item, text, at, by_user FROM checklist_ticks WHERE incident = ? ORDER BY item;

-- name: escalation_due
SELECT 1 FROM incidents
 WHERE kind IN ('ALARM', 'LOCKDOWN') AND acknowledged_at IS NULL AND escalated_at IS NULL AND closed_at IS NULL
   AND julianday(opened_at) < julianday(?)
 LIMIT 1;

-- name: escalate
-- Alarms and lockdowns still open and unacknowledged past the deadline; each is escalated once.
UPDATE incidents SET escalated_at = ?
 WHERE kind IN ('ALARM', 'LOCKDOWN') AND acknowledged_at IS NULL AND escalated_at IS NULL AND closed_at IS NULL
   AND julianday(opened_at) < julianday(?)
RETURNING id, site;
