package se.vaktpost.hub.report;

import java.time.LocalDate;
import se.vaktpost.hub.report.render.ReportDocument;

/** The fixture year as a finished document, for the format tests in the render package. */
public final class ReportFixtures {
    private ReportFixtures() {
    }

    public static ReportDocument yearlyDocument(Texts texts, LocalDate madeOn) {
        return YearlyDocument.build(FixtureYear.figures(), texts, FixtureYear.SITES.size(), madeOn);
    }
}
