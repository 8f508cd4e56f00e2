package se.vaktpost.hub.lockdown;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

/**
 * One event as the state machine sees it, in hub time only. {@code seen} is the state version the
 * sender had received when it acted; {@code actedAt} is when it acted, by the hub's clock (the
 * arrival minus the sender's monotonic age), empty when the sender restarted since and cannot
 * tell. The sender's own wall clock never reaches this record.
 */
public record Signal(EventType type, boolean drill, long seen, Optional<Instant> actedAt, Instant now) {
    public Signal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actedAt, "actedAt");
        Objects.requireNonNull(now, "now");
    }

    /** An age beyond this (longer than a panel keeps a session) is treated as unknown, never as a time. */
    public static final java.time.Duration MAX_AGE = java.time.Duration.ofDays(30);

    /** A panel's event as it arrived at the hub at {@code receivedAt}: acted its monotonic age before that. */
    public static Signal of(PanelEvent e, Instant receivedAt) {
        Optional<Instant> acted = e.ageMillis().isPresent() && e.ageMillis().getAsLong() <= MAX_AGE.toMillis()
                ? Optional.of(receivedAt.minusMillis(e.ageMillis().getAsLong())) : Optional.empty();
        return new Signal(e.type(), e.drill(), e.seen(), acted, receivedAt);
    }

    /** An act at the hub itself (an operator's command): it sees the current state and happens now. */
    public static Signal atHub(EventType type, boolean drill, SiteMode mode, Instant now) {
        return new Signal(type, drill, mode.version(), Optional.of(now), now);
    }

    /** When it happened by the hub's clock: the act, or its arrival when the sender could not tell. */
    public Instant when() {
        return actedAt.orElse(now);
    }

    /**
     * Whether this signal was made after a state that began at {@code version} and {@code began}.
     * Decided causally: by the version the sender had seen, else by its age, else not at all.
     */
    public Order orderAfter(long version, Instant began) {
        if (seen >= version) {
            return Order.SEEN;
        }
        if (actedAt.isEmpty()) {
            return Order.UNKNOWN;
        }
        return actedAt.get().isBefore(began) ? Order.BEFORE : Order.AFTER;
    }
}
