package se.vaktpost.hub.core;

import java.time.Instant;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;

/** Everything the hub's core is fed, from any thread, through its queue. */
public sealed interface CoreInput {

    /**
     * A valid, registered panel event that arrived at {@code receivedAt} (hub time). {@code release}
     * acknowledges it to the broker and is run once the event is committed (or could not be).
     * {@code excess}: its panel sent more than its rate allows (or such events of its panel still
     * wait), so it waits behind every other panel's events and is recorded as background work.
     */
    record Event(PanelEvent event, Instant receivedAt, Runnable release, boolean excess) implements CoreInput {
        public Event(PanelEvent event, Instant receivedAt, Runnable release) {
            this(event, receivedAt, release, false);
        }
    }

    /** A signed-in user's command and where its answer goes. */
    record Operator(Command.Pending<?> pending) implements CoreInput {
    }

    /** A valid status of a registered panel; {@code retained} when the broker replayed it on subscribe. */
    record Status(PanelKey panel, PanelStatus status, boolean retained, Instant receivedAt) implements CoreInput {
    }

    /** Once a second: offline detection, escalation, and the periodic write of last-seen times. */
    record Tick() implements CoreInput {
    }

    /**
     * A step of what the core owns besides its own state: the outbound publisher, whose sends,
     * answers from the broker and timers run here, so a lockdown's state leaves from the thread
     * that committed it, with no hand-over to another thread on the way.
     */
    record Step(Runnable run) implements CoreInput {
    }

    /** A refused message to keep for review (the first few per reason and minute). */
    record Rejected(String topic, String reason, String detail, Instant at) implements CoreInput {
    }
}
