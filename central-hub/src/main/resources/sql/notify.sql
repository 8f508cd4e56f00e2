-- name: progress
SELECT value FROM notifier_progress WHERE name = :name;

-- name: set_progress
INSERT INTO notifier_progress (name, value) VALUES (:name, :value)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- name: notices_after
SELECT id, incident, site, kind, incident_kind, drill, panel, at FROM notices WHERE id > :after ORDER BY id LIMIT :limit;

-- name: unanswered_notices
-- Notices whose incident nobody has acknowledged and that is still open: where escalation may go on.
-- Driven from the open incidents (few), then their notices by index.
SELECT n.id, n.incident, n.site, n.kind, n.incident_kind, n.drill, n.panel, n.at
  FROM incidents i JOIN notices n ON n.incident = i.id
 WHERE i.closed_at IS NULL AND i.acknowledged_at IS NULL AND n.kind IN ('ALARM', 'LOCKDOWN', 'TAMPER', 'DRILL_START');

-- name: steps_taken
SELECT step FROM escalation_steps WHERE notice = :notice;

-- name: take_step
INSERT OR IGNORE INTO escalation_steps (notice, step, at) VALUES (:notice, :step, :at);

-- name: insert_delivery
-- A repeat of the same key (the same notice, step, channel and address) is ignored: never twice.
INSERT OR IGNORE INTO deliveries (dedup_key, notice, step, incident, site, channel, recipient, address, title, body,
                                  status, attempts, created_at, next_attempt_at)
VALUES (:key, :notice, :step, :incident, :site, :channel, :recipient, :address, :title, :body,
        'PENDING', 0, :now, :due);

-- name: due
-- With what has become of the incident since: a message about it may be out of date by now.
SELECT d.id, d.dedup_key, d.channel, d.address, d.title, d.body, d.created_at, d.attempts, d.step,
       n.id AS notice, n.incident, n.site, n.kind, n.incident_kind, n.drill, n.panel, n.at,
       i.acknowledged_at IS NOT NULL AS acknowledged, i.closed_at IS NOT NULL AS closed
  FROM deliveries d JOIN notices n ON n.id = d.notice LEFT JOIN incidents i ON i.id = d.incident
 WHERE d.status IN ('PENDING', 'FAILED') AND d.next_attempt_at <= :now AND d.channel = :channel
 ORDER BY d.next_attempt_at, d.id
 LIMIT :limit;

-- name: mark_cancelled
UPDATE deliveries SET status = 'CANCELLED', last_error = :why WHERE id = :id;

-- name: mark_sending
UPDATE deliveries SET status = 'SENDING', attempts = attempts + 1 WHERE id = :id;

-- name: mark_sent
UPDATE deliveries SET status = 'SENT', sent_at = :at, last_error = NULL WHERE id = :id;

-- name: mark_failed
UPDATE deliveries SET status = :status, last_error = :error, next_attempt_at = :next WHERE id = :id;

-- name: resume_sending
-- After a crash: what was being sent goes again, with the same idempotency key.
UPDATE deliveries SET status = 'PENDING' WHERE status = 'SENDING';

-- name: directory_members
SELECT username, role, site, disabled, email, phone FROM users;

-- name: incident_deliveries
SELECT d.id, d.step, d.channel, d.recipient, d.status, d.attempts, d.created_at, d.sent_at, d.last_error, n.kind
  FROM deliveries d JOIN notices n ON n.id = d.notice
 WHERE d.incident = :incident
 ORDER BY d.id;

-- name: waiting
SELECT COUNT(*) FROM deliveries WHERE status IN ('PENDING', 'SENDING', 'FAILED');

-- name: push_devices
SELECT id, username, staff_site FROM push_subscriptions WHERE expired_at IS NULL;

-- name: push_subscription
SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = :id AND expired_at IS NULL;

-- name: push_add
-- The same device subscribing again (same endpoint) keeps its id and takes the new keys and owner.
INSERT INTO push_subscriptions (id, username, staff_site, endpoint, p256dh, auth, label, created_at)
VALUES (:id, :username, :staff_site, :endpoint, :p256dh, :auth, :label, :now)
    ON CONFLICT (endpoint) DO UPDATE SET username = excluded.username, staff_site = excluded.staff_site,
        p256dh = excluded.p256dh, auth = excluded.auth, label = excluded.label, expired_at = NULL;

-- name: push_id_by_endpoint
SELECT id FROM push_subscriptions WHERE endpoint = :endpoint;

-- name: push_of_user
SELECT id, label, created_at, expired_at FROM push_subscriptions WHERE username = :username ORDER BY created_at;

-- name: push_of_staff
SELECT id, label, created_at, expired_at FROM push_subscriptions WHERE staff_site = :site ORDER BY created_at;

-- name: push_remove_own
DELETE FROM push_subscriptions WHERE id = :id AND username = :username;

-- name: push_remove_staff
DELETE FROM push_subscriptions WHERE id = :id AND staff_site = :site;

-- name: push_expire
UPDATE push_subscriptions SET expired_at = :at WHERE id = :id;

-- name: hub_key
SELECT value FROM hub_keys WHERE name = :name;

-- name: hub_key_add
INSERT OR IGNORE INTO hub_keys (name, value) VALUES (:name, :value);

-- name: invitation_revoke_site
UPDATE staff_invitations SET revoked_at = :now WHERE site = :site AND revoked_at IS NULL;

-- name: invitation_add
INSERT INTO staff_invitations (site, token_hash, created_by, created_at) VALUES (:site, :hash, :by, :now);

-- name: invitation_site
SELECT site FROM staff_invitations WHERE token_hash = :hash AND revoked_at IS NULL;

-- name: invitation_active
SELECT created_by, created_at FROM staff_invitations WHERE site = :site AND revoked_at IS NULL;

-- name: push_remove_staff_endpoint
DELETE FROM push_subscriptions WHERE endpoint = :endpoint AND staff_site IS NOT NULL;

-- name: push_staff_count
SELECT COUNT(*) FROM push_subscriptions WHERE staff_site = :site AND expired_at IS NULL;

-- name: offline_due
-- Panels offline since before :before whose outage has not been told of yet.
SELECT p.site, p.panel, p.last_seen FROM panel_presence p
 WHERE p.online = 0 AND julianday(p.last_seen) <= julianday(:before)
   AND NOT EXISTS (SELECT 1 FROM offline_notices o WHERE o.site = p.site AND o.panel = p.panel AND o.since = p.last_seen)
 ORDER BY p.site, p.panel;

-- name: insert_offline_notice
INSERT INTO notices (incident, site, kind, incident_kind, drill, panel, at) VALUES (NULL, :site, 'PANEL_OFFLINE', NULL, 0, :panel, :at);

-- name: last_notice_id
SELECT last_insert_rowid();

-- name: offline_told
INSERT OR IGNORE INTO offline_notices (site, panel, since, notice) VALUES (:site, :panel, :since, :notice);
