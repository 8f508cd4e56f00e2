package se.vaktpost.hub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static se.vaktpost.hub.report.FixtureYear.EK;
import static se.vaktpost.hub.report.FixtureYear.HUS;
import static se.vaktpost.hub.report.FixtureYear.SITES;
import static se.vaktpost.hub.report.FixtureYear.SOL;
import static se.vaktpost.hub.report.FixtureYear.local;
import static se.vaktpost.hub.report.FixtureYear.panel;
import static se.vaktpost.hub.report.FixtureYear.registered;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

class WeeklyFiguresTest {
    // Friday 6 June 2025: the week is Saturday 31 May .. Friday 6 June.
    private static final ReportPeriod WEEK = ReportPeriod.weekEnding(LocalDate.of(2025, 6, 6), FixtureYear.ZONE);

    private static WeeklyFigures figures() {
        List<Facts.Incident> incidents = List.of(
                registered("ek", Category.DEGRADING_TREATMENT, "2025-05-31T00:05", CaseStatus.REPORTED, 1),
                registered("ek", Category.DEGRADING_TREATMENT, "2025-06-03T10:00", CaseStatus.REPORTED, 1),
                registered("sol", Category.THREAT_VIOLENCE, "2025-06-06T23:59", CaseStatus.REPORTED, 1),
                panel("ek", Category.LOCKDOWN, false, "2025-06-01T09:00", 90, 600),
                panel("hus", Category.LOCKDOWN, true, "2025-06-04T10:00", -1, 900),
                panel("hus", Category.ALARM, false, "2025-06-05T11:00", -1, -1),
                // The Friday before and the Saturday after belong to other weeks.
                registered("ek", Category.NEAR_MISS, "2025-05-30T23:59", CaseStatus.REPORTED, 1),
                registered("ek", Category.NEAR_MISS, "2025-06-07T00:00", CaseStatus.REPORTED, 1));
        List<Facts.Theme> themes = List.of(new Facts.Theme("ek", "Konflikt X", local("2025-06-03T10:00")),
                new Facts.Theme("sol", "Konflikt X", local("2025-06-06T23:59")),
                new Facts.Theme("sol", "Konflikt X", local("2025-05-01T10:00")));
        List<Facts.FollowUp> open = List.of(new Facts.FollowUp("ek", Category.DEGRADING_TREATMENT, LocalDate.of(2025, 6, 6)),
                new Facts.FollowUp("ek", Category.DEGRADING_TREATMENT, LocalDate.of(2025, 6, 10)),
                new Facts.FollowUp("sol", Category.THREAT_VIOLENCE, LocalDate.of(2025, 6, 7)));
        return WeeklyAggregator.compute(new WeeklyAggregator.Inputs(WEEK, SITES, incidents, themes, open));
    }

    @Test
    void theWeekIsTheSevenDaysEndingOnTheFriday() {
        assertThat(WEEK.from()).isEqualTo(LocalDate.of(2025, 5, 31));
        assertThat(WEEK.lastDay()).isEqualTo(LocalDate.of(2025, 6, 6));
        assertThat(ReportPeriod.latestFriday(LocalDate.of(2025, 6, 9))).isEqualTo(LocalDate.of(2025, 6, 6));
        assertThat(ReportPeriod.latestFriday(LocalDate.of(2025, 6, 6))).isEqualTo(LocalDate.of(2025, 6, 6));
    }

    @Test
    void countsTheWeeksNewIncidentsPerSiteAndCategoryWithoutDrills() {
        WeeklyFigures f = figures();
        assertThat(f.totalNew()).isEqualTo(5);
        assertThat(f.bySiteAndCategory()).containsExactly(
                new WeeklyFigures.SiteCategoryRow(EK, Category.LOCKDOWN, 1),
                new WeeklyFigures.SiteCategoryRow(EK, Category.DEGRADING_TREATMENT, 2),
                new WeeklyFigures.SiteCategoryRow(SOL, Category.THREAT_VIOLENCE, 1),
                new WeeklyFigures.SiteCategoryRow(HUS, Category.ALARM, 1));
        assertThat(f.byTheme()).containsExactly(new WeeklyFigures.ThemeRow("Konflikt X", EK, 1),
                new WeeklyFigures.ThemeRow("Konflikt X", SOL, 1));
    }

    @Test
    void listsLockdownsAlarmsAndDrillsOfTheWeekInTimeOrder() {
        List<WeeklyFigures.AlarmLine> alarms = figures().alarms();
        assertThat(alarms).extracting(WeeklyFigures.AlarmLine::site).containsExactly(EK, HUS, HUS);
        assertThat(alarms).extracting(WeeklyFigures.AlarmLine::drill).containsExactly(false, true, false);
        assertThat(alarms.get(0).toAcknowledge()).contains(Duration.ofSeconds(90));
        assertThat(alarms.get(0).duration()).contains(Duration.ofMinutes(10));
        assertThat(alarms.get(2).toAcknowledge()).isEqualTo(Optional.empty());
    }

    @Test
    void openFollowUpsAreDueWhenTheirDateIsWithinTheWeek() {
        List<WeeklyFigures.FollowUpRow> rows = figures().followUps();
        assertThat(rows).containsExactly(new WeeklyFigures.FollowUpRow(EK, 2, 1),
                new WeeklyFigures.FollowUpRow(SOL, 1, 0), new WeeklyFigures.FollowUpRow(HUS, 0, 0));
    }
}
