package se.vaktpost.hub.incidentlog;

import java.util.List;

/** One incident as the log shows and exports it: statistical fields only, never people's names. */
public record LogEntry(String id, String site, Category category, Integer severity, String openedAt, boolean drill,
                       String description, CaseStatus status, Integer ladderStep, String followUpOn, String measures,
                       String acknowledgedAt, String closedAt, List<String> themes) {
}
