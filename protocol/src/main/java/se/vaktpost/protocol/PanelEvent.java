package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a panel publishes on {@code vaktpost/v1/sites/{site}/panels/{panel}/events}.
 * The id is chosen by the panel when the event is stored in its outbox, so every retry carries
 * the same id and the hub can record it once.
 */
public record PanelEvent(UUID id, String site, String panel, EventType type, Instant at, long seq, boolean drill) {
    public PanelEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (!Contract.isIdentifier(site) || !Contract.isIdentifier(panel)) {
            throw new IllegalArgumentException("site and panel must be contract identifiers: " + site + "/" + panel);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }
}
