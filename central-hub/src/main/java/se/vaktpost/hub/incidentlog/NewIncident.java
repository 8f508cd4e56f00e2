package se.vaktpost.hub.incidentlog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * An incident registered by staff. Validated here, so the store and the API share one set of
 * rules. A follow-up a week after the incident is the default (step 1 of the ladder).
 */
public record NewIncident(String site, Category category, int severity, Instant at, String description,
                          Set<String> themes, LadderStep step, LocalDate followUpOn) {
    public static final int DESCRIPTION_MAX = 4000;
    public static final int THEME_MAX = 60;

    public NewIncident {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(at, "at");
        if (category.raisedByPanel()) {
            throw new IllegalArgumentException(category.name().toLowerCase(java.util.Locale.ROOT)
                    + " incidents come from the panels; register another category");
        }
        if (severity < 1 || severity > 4) {
            throw new IllegalArgumentException("severity is 1 (low) to 4 (critical)");
        }
        if (description == null || description.isBlank() || description.length() > DESCRIPTION_MAX) {
            throw new IllegalArgumentException("a description of 1 to " + DESCRIPTION_MAX + " characters is needed");
        }
        themes = themes == null ? Set.of() : Set.copyOf(themes);
        for (String t : themes) {
            if (t.isBlank() || t.length() > THEME_MAX) {
                throw new IllegalArgumentException("a theme has 1 to " + THEME_MAX + " characters");
            }
        }
        step = step == null ? LadderStep.STEP_1 : step;
    }

    /** The follow-up date given, or a week after the incident (in the school's time zone). */
    public LocalDate followUp(ZoneId zone) {
        return followUpOn != null ? followUpOn : at.atZone(zone).toLocalDate().plusWeeks(1);
    }
}
