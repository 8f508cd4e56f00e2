package se.vaktpost.hub.incidentlog;

import java.time.LocalDate;

/**
 * A search of the log; every field may be null (any). {@code from} and {@code to} are local dates
 * (to exclusive), {@code overdueOn} keeps open incidents whose follow-up date is before it.
 */
public record LogFilter(String site, LocalDate from, LocalDate to, Category category, CaseStatus status, String theme,
                        LocalDate overdueOn, int limit) {
    public LogFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit is 1 to 100000");
        }
    }
}
