package se.vaktpost.hub.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

/**
 * A small year, 2025, whose figures are worked out by hand in YearlyFiguresTest. Times are local
 * (Stockholm) unless written as UTC.
 */
final class FixtureYear {
    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    static final ReportSite EK = new ReportSite("ek", "Ekbackens skola", 400, 2);
    static final ReportSite SOL = new ReportSite("sol", "Solrosens skola", 100, 1);
    static final ReportSite HUS = new ReportSite("hus", "Hus B", null, 2);
    static final List<ReportSite> SITES = List.of(EK, SOL, HUS);
    static final ReportPeriod YEAR = ReportPeriod.year(2025, ZONE);

    private FixtureYear() {
    }

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(ZONE).toInstant();
    }

    static Facts.Incident registered(String site, Category c, String at, CaseStatus status, int step) {
        return new Facts.Incident(site, c, false, local(at), null, null, status, step);
    }

    /** A panel incident acknowledged and closed the given seconds after it opened (-1: never). */
    static Facts.Incident panel(String site, Category c, boolean drill, String at, long ackS, long closedS) {
        Instant t = local(at);
        return new Facts.Incident(site, c, drill, t, ackS < 0 ? null : t.plusSeconds(ackS),
                closedS < 0 ? null : t.plusSeconds(closedS), CaseStatus.REPORTED, 0);
    }

    static final List<Facts.Incident> CURRENT = List.of(
            // Just after midnight on New Year's Day local time: still 2024 in UTC, January 2025 here.
            registered("ek", Category.DEGRADING_TREATMENT, "2025-01-01T00:30", CaseStatus.CLOSED, 2),
            registered("ek", Category.DEGRADING_TREATMENT, "2025-03-10T10:00", CaseStatus.REPORTED, 1),
            registered("ek", Category.DEGRADING_TREATMENT, "2025-03-11T10:00", CaseStatus.INVESTIGATING, 3),
            registered("ek", Category.DEGRADING_TREATMENT, "2025-12-31T23:30", CaseStatus.REPORTED, 1),
            registered("sol", Category.THREAT_VIOLENCE, "2025-02-05T12:00", CaseStatus.MEASURES, 4),
            registered("hus", Category.DEGRADING_TREATMENT, "2025-04-04T08:00", CaseStatus.REPORTED, 1),
            panel("sol", Category.LOCKDOWN, false, "2025-05-05T10:00", 30, 20 * 60),
            panel("ek", Category.LOCKDOWN, false, "2025-06-01T09:00", 90, 10 * 60),
            panel("ek", Category.ALARM, false, "2025-06-02T09:00", 10, 5 * 60),
            panel("hus", Category.ALARM, false, "2025-09-09T14:00", -1, -1),
            panel("ek", Category.LOCKDOWN, true, "2025-09-15T10:00", 5, 15 * 60),
            panel("hus", Category.LOCKDOWN, true, "2025-10-01T10:00", -1, 25 * 60),
            panel("hus", Category.TAMPER, false, "2025-11-11T03:00", -1, -1),
            // Outside the year: ignored even if a caller passes it.
            registered("ek", Category.DEGRADING_TREATMENT, "2026-01-01T00:10", CaseStatus.REPORTED, 1));

    static final List<Facts.Incident> PREVIOUS = List.of(
            registered("ek", Category.DEGRADING_TREATMENT, "2024-03-01T10:00", CaseStatus.CLOSED, 1),
            registered("ek", Category.NEAR_MISS, "2024-07-07T10:00", CaseStatus.CLOSED, 1),
            registered("sol", Category.THREAT_VIOLENCE, "2024-02-02T10:00", CaseStatus.CLOSED, 2),
            panel("sol", Category.LOCKDOWN, true, "2024-05-05T10:00", 5, 600));

    static final List<Facts.Theme> THEMES = List.of(
            new Facts.Theme("ek", "Konflikt X", local("2025-03-10T10:00")),
            new Facts.Theme("sol", "Konflikt X", local("2025-02-05T12:00")),
            new Facts.Theme("ek", "extremism", local("2025-01-01T00:30")));

    static final List<Facts.Theme> PREVIOUS_THEMES = List.of(
            new Facts.Theme("ek", "Konflikt X", local("2024-03-01T10:00")));

    static final Instant SOL_DOWN = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant EK_P2_FIRST_SEEN = Instant.parse("2025-07-01T00:00:00Z");

    static final List<Facts.PresenceChange> PRESENCE = List.of(
            new Facts.PresenceChange("ek", "p1", true, Instant.parse("2024-12-01T00:00:00Z")),
            new Facts.PresenceChange("sol", "p", true, Instant.parse("2024-12-31T00:00:00Z")),
            new Facts.PresenceChange("sol", "p", false, SOL_DOWN),
            new Facts.PresenceChange("sol", "p", true, SOL_DOWN.plus(Duration.ofDays(1))),
            new Facts.PresenceChange("ek", "p2", true, EK_P2_FIRST_SEEN));

    static final List<ActionPlanItem> PLAN = List.of(
            new ActionPlanItem(1, 2025, null, "Kunskapshöjande insatser", "Utbildning i lågaffektivt bemötande",
                    "All personal utbildad", "Genomförd januari"),
            new ActionPlanItem(2, 2025, "sol", "Trygghet", "Inrymningsövning varje termin", "Två övningar", ""));

    static YearlyFigures figures() {
        return YearlyAggregator.compute(new YearlyAggregator.Inputs(YEAR, SITES, CURRENT, PREVIOUS, THEMES,
                PREVIOUS_THEMES, PRESENCE, Instant.parse("2026-06-01T00:00:00Z"),
                Map.of("ek", 4L, "hus", 1L), SITES, PLAN));
    }
}
