package se.vaktpost.hub.incidentlog;

import java.util.Locale;

/** Åtgärdstrappan: who is responsible at each step of the escalation ladder (seed 002). */
public enum LadderStep {
    STEP_1("Personal som såg händelsen: ingripa, samtala, dokumentera", "Staff who saw it: intervene, talk, document"),
    STEP_2("Mentor: kontakt med vårdnadshavare", "Mentor: contact the guardians"),
    STEP_3("Trygghetsgruppen", "The school's safety team"),
    STEP_4("Elevhälsan och rektor", "Student health team and principal"),
    STEP_5("Huvudmannen", "The organiser (administration)");

    private final String sv;
    private final String en;

    LadderStep(String sv, String en) {
        this.sv = sv;
        this.en = en;
    }

    public int number() {
        return ordinal() + 1;
    }

    public String responsible(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : sv;
    }

    public static LadderStep of(int number) {
        if (number < 1 || number > 5) {
            throw new IllegalArgumentException("the escalation step is 1 to 5, not " + number);
        }
        return values()[number - 1];
    }
}
