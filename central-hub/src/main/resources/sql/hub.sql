-- name: event_incident
SELECT incident_id FROM events WHERE id = :id;

-- name: insert_event
INSERT INTO events (id, site, panel, type, at, seq, drill, received_at, incident_id, seen_version, age_ms, acted_at,
                    ordering, verdict, clock_offset_ms)
VALUES (:id, :site, :panel, :type, :at, :seq, :drill, :received_at, :incident, :seen, :age_ms, :acted_at,
        :ordering, :verdict, :clock_offset_ms);

-- name: open_incident
INSERT INTO incidents (id, site, kind, drill, opened_at, opened_by_event, panel, category, order_uncertain)
VALUES (:id, :site, :kind, :drill, :opened_at, :event, :panel, :kind, :uncertain);

-- name: close_incident
UPDATE incidents SET closed_at = :closed_at, closed_by_event = :event WHERE id = :id AND closed_at IS NULL;

-- name: insert_notice
-- Site, incident kind and drill flag come from the incident's row, so a notice always matches it
-- (an all-clear given without the drill flag still ends a drill as a drill).
INSERT INTO notices (incident, site, kind, incident_kind, drill, panel, at)
SELECT id, site,
       CASE :change WHEN 'OPENED' THEN CASE WHEN drill = 1 THEN 'DRILL_START' ELSE kind END
                    WHEN 'CLOSED' THEN CASE WHEN drill = 1 THEN 'DRILL_END' ELSE 'ALL_CLEAR' END
                    ELSE :change END,
       kind, drill, :panel, :at
  FROM incidents WHERE id = :incident;

-- name: interrupt_drill
UPDATE incidents SET closed_at = :at, closed_by_event = :event, interrupted_at = :at, interrupted_by = :by
 WHERE id = :id AND closed_at IS NULL;

-- name: mark_uncertain
UPDATE incidents SET order_uncertain = 1 WHERE id = :id;

-- name: upsert_site_state
INSERT INTO site_state (site, mode, incident, since, drill, updated_at, version, cleared_version, cleared_at)
VALUES (:site, :mode, :incident, :since, :drill, :updated_at, :version, :cleared_version, :cleared_at)
ON CONFLICT (site) DO UPDATE SET mode = excluded.mode, incident = excluded.incident, since = excluded.since,
    drill = excluded.drill, updated_at = excluded.updated_at, version = excluded.version,
    cleared_version = excluded.cleared_version, cleared_at = excluded.cleared_at;

-- name: site_states
SELECT site, mode, incident, since, drill, version, cleared_version, cleared_at FROM site_state;

-- name: upsert_presence
-- :changed_at is the hub time of the supervision change written with it, NULL for a refresh only;
-- the first one stays (the report's state at a period's start needs to know the panel was known).
INSERT INTO panel_presence (site, panel, online, last_seen, heartbeat_s, clock_offset_ms, first_change_at)
VALUES (:site, :panel, :online, :last_seen, :heartbeat_s, :clock_offset_ms, :changed_at)
ON CONFLICT (site, panel) DO UPDATE SET online = excluded.online, last_seen = excluded.last_seen,
    heartbeat_s = excluded.heartbeat_s, clock_offset_ms = excluded.clock_offset_ms,
    first_change_at = coalesce(panel_presence.first_change_at, excluded.first_change_at);

-- name: presences
SELECT site, panel, online, last_seen, heartbeat_s, clock_offset_ms FROM panel_presence;

-- name: insert_supervision
INSERT INTO supervision (site, panel, kind, at) VALUES (:site, :panel, :kind, :at);

-- name: insert_rejection
INSERT INTO rejected_messages (at, topic, reason, detail) VALUES (:at, :topic, :reason, :detail);

-- name: incidents
SELECT id, site, kind, drill, opened_at, panel, closed_at, acknowledged_at, acknowledged_by, escalated_at,
       order_uncertain, interrupted_at, interrupted_by
  FROM incidents
 WHERE kind <> 'MANUAL' AND (:site IS NULL OR site = :site) ORDER BY opened_at DESC LIMIT :limit;

-- name: events
SELECT id, site, panel, type, at, seq, drill, received_at, incident_id, acted_at, ordering, verdict, clock_offset_ms
  FROM events
 WHERE (:site IS NULL OR site = :site) ORDER BY received_at DESC LIMIT :limit;

-- name: count_events
SELECT count(*) FROM events;

-- name: acknowledge
UPDATE incidents SET acknowledged_at = :at, acknowledged_by = :by WHERE id = :id AND acknowledged_at IS NULL;

-- name: insert_note
INSERT INTO incident_notes (incident, at, author, text) VALUES (:incident, :at, :author, :text);

-- name: notes
SELECT at, author, text FROM incident_notes WHERE incident = :incident ORDER BY id;

-- name: incident_ref
SELECT site, kind FROM incidents WHERE id = :id;

-- name: tick
INSERT INTO checklist_ticks (incident, item, text, at, by_user) VALUES (:incident, :item, :text, :at, :by)
ON CONFLICT (incident, item) DO NOTHING;

-- name: ticks
SELECT item, text, at, by_user FROM checklist_ticks WHERE incident = :incident ORDER BY item;

-- name: escalation_due
SELECT 1 FROM incidents
 WHERE kind IN ('ALARM', 'LOCKDOWN') AND acknowledged_at IS NULL AND escalated_at IS NULL AND closed_at IS NULL
   AND drill = 0 AND julianday(opened_at) < julianday(:deadline)
 LIMIT 1;

-- name: escalate
-- Alarms and lockdowns still open and unacknowledged past the deadline; each is escalated once.
UPDATE incidents SET escalated_at = :now
 WHERE kind IN ('ALARM', 'LOCKDOWN') AND acknowledged_at IS NULL AND escalated_at IS NULL AND closed_at IS NULL
   AND drill = 0 AND julianday(opened_at) < julianday(:deadline)
RETURNING id, site;
