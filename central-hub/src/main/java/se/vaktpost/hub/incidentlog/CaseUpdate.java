package se.vaktpost.hub.incidentlog;

import java.time.LocalDate;

/** A change to an incident's handling; null fields stay as they are. */
public record CaseUpdate(CaseStatus status, LadderStep step, LocalDate followUpOn, String measures) {
    public static final int MEASURES_MAX = 4000;

    public CaseUpdate {
        if (measures != null && measures.length() > MEASURES_MAX) {
            throw new IllegalArgumentException("measures are at most " + MEASURES_MAX + " characters");
        }
    }

    /** The entry after this update, refusing to move the status backwards. */
    public LogEntry applyTo(LogEntry e) {
        CaseStatus next = status == null ? e.status() : status;
        if (!e.status().mayMoveTo(next)) {
            throw new IllegalArgumentException("the status moves forward only: " + e.status() + " cannot become " + next);
        }
        return new LogEntry(e.id(), e.site(), e.category(), e.severity(), e.openedAt(), e.drill(), e.description(), next,
                step == null ? e.ladderStep() : Integer.valueOf(step.number()),
                followUpOn == null ? e.followUpOn() : followUpOn.toString(),
                measures == null ? e.measures() : measures, e.acknowledgedAt(), e.closedAt(), e.themes());
    }
}
