package se.vaktpost.hub.incidentlog;

import java.util.Locale;

/** Where an incident is in its handling; it only moves forward. */
public enum CaseStatus {
    REPORTED("Anmäld", "Reported"),
    INVESTIGATING("Under utredning", "Under investigation"),
    MEASURES("Åtgärder", "Measures"),
    CLOSED("Avslutad", "Closed");

    private final String sv;
    private final String en;

    CaseStatus(String sv, String en) {
        this.sv = sv;
        this.en = en;
    }

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : sv;
    }

    /** True when {@code next} is this status or a later one. */
    public boolean mayMoveTo(CaseStatus next) {
        return next.ordinal() >= ordinal();
    }

    public static CaseStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown status '" + text + "'; one of reported, investigating, measures, closed");
        }
    }
}
