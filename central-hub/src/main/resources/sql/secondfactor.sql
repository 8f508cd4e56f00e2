-- name: factor
SELECT secret, confirmed_at, last_step FROM second_factors WHERE username = :username;

-- name: begin
-- A new secret for someone enrolling; of two at once the first stays (both pages then show it),
-- and nothing replaces a confirmed factor (an admin resets that).
INSERT INTO second_factors (username, secret, last_step) VALUES (:username, :secret, -1)
ON CONFLICT (username) DO NOTHING;

-- name: confirm
-- Only the secret the code was checked against is confirmed.
UPDATE second_factors SET confirmed_at = :at, last_step = :step
 WHERE username = :username AND secret = :secret AND confirmed_at IS NULL AND last_step < :step;

-- name: accept_step
-- Atomic: of two sign-ins with the same code, only one moves the step on.
UPDATE second_factors SET last_step = :step
 WHERE username = :username AND confirmed_at IS NOT NULL AND last_step < :step;

-- name: delete_factor
DELETE FROM second_factors WHERE username = :username;

-- name: delete_recovery_codes
DELETE FROM recovery_codes WHERE username = :username;

-- name: insert_recovery_code
INSERT INTO recovery_codes (username, code_hash) VALUES (:username, :hash);

-- name: use_recovery_code
UPDATE recovery_codes SET used_at = :at WHERE username = :username AND code_hash = :hash AND used_at IS NULL;

-- name: recovery_codes_left
SELECT count(*) FROM recovery_codes WHERE username = :username AND used_at IS NULL;

-- name: passkeys
SELECT credential_id, label, credential_data, sign_count, uv_initialized, backup_eligible, backup_state,
       created_at, last_used_at
FROM passkeys WHERE username = :username ORDER BY created_at;

-- name: passkey
SELECT credential_id, label, credential_data, sign_count, uv_initialized, backup_eligible, backup_state,
       created_at, last_used_at
FROM passkeys WHERE username = :username AND credential_id = :id;

-- name: insert_passkey
INSERT INTO passkeys (credential_id, username, label, credential_data, sign_count, uv_initialized,
                      backup_eligible, backup_state, created_at)
VALUES (:id, :username, :label, :data, :count, :uv, :be, :bs, :at);

-- name: passkey_used
UPDATE passkeys SET sign_count = :count, backup_state = :bs, last_used_at = :at
 WHERE username = :username AND credential_id = :id;

-- name: delete_passkeys
DELETE FROM passkeys WHERE username = :username;
