-- Order without wall clocks (issue 9): what the panel had seen when the button was pressed, and
-- when, by its monotonic clock in this run of the agent, so every send can tell the press's age.
ALTER TABLE outbox ADD COLUMN seen_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN run TEXT;       -- the agent run that stored it; another run cannot tell its age
ALTER TABLE outbox ADD COLUMN mono_ns INTEGER; -- System.nanoTime() of that run at the press
