package se.vaktpost.hub.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * Something people must hear about, as the core recorded it. {@code hubAt} is the hub's time (never a panel's);
 * {@code incidentKind} is ALARM, LOCKDOWN or TAMPER (null for notices without an incident).
 */
public record Notice(long id, String incident, String site, NoticeKind kind, String incidentKind, boolean drill,
                     String panel, Instant hubAt) {
    public Notice {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hubAt, "hubAt");
    }

    /** Whether this notice concerns a silent alarm: nobody at its own school hears of it unless a route says so. */
    public boolean silent() {
        return "ALARM".equals(incidentKind);
    }
}
