package se.vaktpost.hub.report;

import java.time.Instant;
import java.time.LocalDate;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

/** What the reports read from the log: statistical fields only, never descriptions or names. */
public final class Facts {
    private Facts() {
    }

    /** One incident. Acknowledged and closed may be null; {@code ladderStep} is 0 when none was set. */
    public record Incident(String site, Category category, boolean drill, Instant openedAt, Instant acknowledgedAt,
                           Instant closedAt, CaseStatus status, int ladderStep) {
    }

    /** A theme (tag) on an incident. */
    public record Theme(String site, String theme, Instant openedAt) {
    }

    /** A panel went online or offline. */
    public record PresenceChange(String site, String panel, boolean online, Instant hubAt) {
    }

    /** An incident not yet closed that has a follow-up date. */
    public record FollowUp(String site, Category category, LocalDate due) {
    }
}
