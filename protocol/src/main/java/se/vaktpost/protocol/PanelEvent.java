package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An event a panel publishes on {@code vaktpost/v1/sites/{site}/panels/{panel}/events}.
 * The id is chosen by the panel when the event is stored in its outbox, so every retry carries
 * the same id and the hub can record it once.
 *
 * <p>{@code at} is the panel's wall clock, kept for the record and never used for a decision (a
 * Raspberry Pi has no real-time clock). Order comes from {@code seen}, the site-state version the
 * panel had received when the button was pressed, and {@code ageMillis}, how long ago the press
 * was by the panel's monotonic clock, measured again at every send; empty when the panel restarted
 * since the press and so cannot tell.
 */
public record PanelEvent(UUID id, String site, String panel, EventType type, Instant at, long seq, boolean drill,
                         long seen, OptionalLong ageMillis) {
    public PanelEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ageMillis, "ageMillis");
        if (!Contract.isIdentifier(site) || !Contract.isIdentifier(panel)) {
            throw new IllegalArgumentException("site and panel must be contract identifiers: " + site + "/" + panel);
        }
        if (seq < 0 || seen < 0 || ageMillis.orElse(0) < 0) {
            throw new IllegalArgumentException("seq, seen and age must not be negative");
        }
    }

    /** An event of a sender that tells no order (an older panel): version 0 seen, age unknown. */
    public PanelEvent(UUID id, String site, String panel, EventType type, Instant at, long seq, boolean drill) {
        this(id, site, panel, type, at, seq, drill, 0, OptionalLong.empty());
    }

    /** The same event as sent now: the age is measured again at every send. */
    public PanelEvent withAge(OptionalLong age) {
        return new PanelEvent(id, site, panel, type, at, seq, drill, seen, age);
    }
}
