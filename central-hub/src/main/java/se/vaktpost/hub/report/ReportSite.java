package se.vaktpost.hub.report;

/** A school unit as the reports see it: its size, for rates. {@code pupils} may be null. */
public record ReportSite(String id, String name, Integer pupils, int panels) {
}
