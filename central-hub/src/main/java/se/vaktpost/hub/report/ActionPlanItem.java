package se.vaktpost.hub.report;

/**
 * One row of the action-plan follow-up table (seed 004): focus area, activity, goal and how it was
 * followed up. {@code site} is null for the whole organisation.
 */
public record ActionPlanItem(long id, int year, String site, String focusArea, String activity, String goal,
                             String followUp) {
    public static final int MAX_TEXT = 2000;

    public ActionPlanItem {
        focusArea = required(focusArea, "focusArea");
        activity = required(activity, "activity");
        goal = optional(goal, "goal");
        followUp = optional(followUp, "followUp");
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("year must be a calendar year, e.g. 2026");
        }
    }

    private static String required(String text, String field) {
        String t = optional(text, field);
        if (t.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return t;
    }

    private static String optional(String text, String field) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return t;
    }
}
