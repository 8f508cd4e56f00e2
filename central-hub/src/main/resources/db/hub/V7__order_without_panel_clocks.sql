-- Order without panel clocks (issue 9). A panel's `at` stays as reported, for the record; every
-- decision and every duration uses the hub's times below.
ALTER TABLE events ADD COLUMN seen_version INTEGER NOT NULL DEFAULT 0;  -- state version the panel had seen
ALTER TABLE events ADD COLUMN age_ms INTEGER;          -- the press's age by the panel's monotonic clock; NULL: unknown
ALTER TABLE events ADD COLUMN acted_at TEXT;           -- hub time of the press: received_at - age_ms; NULL: unknown
ALTER TABLE events ADD COLUMN ordering TEXT;           -- SEEN, AFTER, BEFORE, UNKNOWN (lockdown.Order)
ALTER TABLE events ADD COLUMN verdict TEXT;            -- ACTED, LATE, REFUSED, HELD (Decision.Verdict)
ALTER TABLE events ADD COLUMN clock_offset_ms INTEGER; -- the panel's `at` minus the hub's time of the press

-- Set when an event was acted on without knowing its order (it locked, fail safe): for the security unit.
ALTER TABLE incidents ADD COLUMN order_uncertain INTEGER NOT NULL DEFAULT 0;
-- A drill that a real lockdown or silent alarm interrupted, and the real incident that did.
ALTER TABLE incidents ADD COLUMN interrupted_at TEXT;
ALTER TABLE incidents ADD COLUMN interrupted_by TEXT;

-- The site's state version (rises with every change of mode) and the all-clear before the current mode.
ALTER TABLE site_state ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site_state ADD COLUMN cleared_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site_state ADD COLUMN cleared_at TEXT;

-- What presence needs after a restart: the panel's announced heartbeat and its clock's offset.
ALTER TABLE panel_presence ADD COLUMN heartbeat_s INTEGER;
ALTER TABLE panel_presence ADD COLUMN clock_offset_ms INTEGER;
