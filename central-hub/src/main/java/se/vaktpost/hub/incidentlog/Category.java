package se.vaktpost.hub.incidentlog;

import java.util.Locale;

/** What kind of incident; the first four are raised by panels, the rest are registered by staff. */
public enum Category {
    LOCKDOWN("Inrymning", "Lockdown", true),
    ALARM("Tyst larm", "Silent alarm", true),
    TAMPER("Sabotage mot panel", "Panel tamper", true),
    PANEL_OFFLINE("Panel frånkopplad", "Panel offline", true),
    NEAR_MISS("Tillbud", "Near-miss", false),
    WORK_INJURY("Arbetsskada", "Work injury", false),
    THREAT_VIOLENCE("Hot och våld", "Threats and violence", false),
    DEGRADING_TREATMENT("Kränkande behandling", "Degrading treatment", false),
    WRITTEN_WARNING("Skriftlig varning", "Written warning", false),
    SUSPENSION("Avstängning", "Suspension", false),
    VANDALISM("Skadegörelse", "Vandalism", false),
    FIRE("Brand", "Fire", false),
    DRUGS("Narkotika", "Drugs", false),
    OTHER("Övrigt", "Other", false);

    private final String sv;
    private final String en;
    private final boolean raisedByPanel;

    Category(String sv, String en, boolean raisedByPanel) {
        this.sv = sv;
        this.en = en;
        this.raisedByPanel = raisedByPanel;
    }

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : sv;
    }

    /** Panel categories come from buttons and supervision only; staff cannot register them by hand. */
    public boolean raisedByPanel() {
        return raisedByPanel;
    }

    public static Category parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown category '" + text + "'; one of "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
