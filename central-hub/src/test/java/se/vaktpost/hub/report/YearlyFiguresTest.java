package se.vaktpost.hub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static se.vaktpost.hub.report.FixtureYear.figures;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

/** Every expectation here was counted by hand from FixtureYear. */
class YearlyFiguresTest {
    private static Map<String, Count> byKey(List<Count> counts) {
        return counts.stream().collect(Collectors.toMap(Count::key, Function.identity()));
    }

    @Test
    void countsRealIncidentsByCategoryAgainstThePreviousYearLeavingDrillsOut() {
        YearlyFigures f = figures();
        Map<String, Count> c = byKey(f.byCategory());
        assertThat(c.get("DEGRADING_TREATMENT")).isEqualTo(new Count("DEGRADING_TREATMENT", 5, 1));
        assertThat(c.get("THREAT_VIOLENCE")).isEqualTo(new Count("THREAT_VIOLENCE", 1, 1));
        assertThat(c.get("LOCKDOWN")).isEqualTo(new Count("LOCKDOWN", 2, 0));
        assertThat(c.get("ALARM")).isEqualTo(new Count("ALARM", 2, 0));
        assertThat(c.get("TAMPER")).isEqualTo(new Count("TAMPER", 1, 0));
        assertThat(c.get("NEAR_MISS")).isEqualTo(new Count("NEAR_MISS", 0, 1));
        assertThat(f.totalIncidents()).isEqualTo(11);
        assertThat(f.totalPrevious()).isEqualTo(3);
        assertThat(c.get("DEGRADING_TREATMENT").changePercent().getAsDouble()).isEqualTo(400.0);
        assertThat(c.get("LOCKDOWN").changePercent()).isEmpty();
    }

    @Test
    void monthsAreTheSchoolsLocalMonths() {
        List<Count> months = figures().byMonth();
        assertThat(months).extracting(Count::key).containsExactly("2025-01", "2025-02", "2025-03", "2025-04",
                "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12");
        assertThat(months).extracting(Count::current).containsExactly(1L, 1L, 2L, 1L, 1L, 2L, 0L, 0L, 1L, 0L, 1L, 1L);
        assertThat(months).extracting(Count::previous).containsExactly(0L, 1L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void separatesRealAlarmsFromDrillsPerSiteAndForTheOrganisation() {
        YearlyFigures f = figures();
        assertThat(f.alarms()).containsExactly(new YearlyFigures.AlarmRow(Category.LOCKDOWN, 2, 2),
                new YearlyFigures.AlarmRow(Category.ALARM, 2, 0));
        YearlyFigures.SiteRow ek = f.bySite().get(0);
        YearlyFigures.SiteRow hus = f.bySite().get(2);
        assertThat(ek.incidents()).isEqualTo(new Count("ek", 6, 2));
        assertThat(f.bySite().get(1).incidents()).isEqualTo(new Count("sol", 2, 1));
        assertThat(hus.incidents()).isEqualTo(new Count("hus", 3, 0));
        assertThat(List.of(ek.lockdowns(), ek.lockdownDrills(), ek.silentAlarms(), ek.alarmDrills())).containsExactly(1L, 1L, 1L, 0L);
        assertThat(List.of(hus.lockdowns(), hus.lockdownDrills(), hus.silentAlarms(), hus.tamper())).containsExactly(0L, 1L, 1L, 1L);
    }

    @Test
    void responseTimesAreNearestRankMediansAndP90OfRealAlarmsOnly() {
        YearlyFigures f = figures();
        // Acknowledged real alarms and lockdowns: 10 s, 30 s, 90 s; one never acknowledged.
        assertThat(f.timeToAcknowledge()).isEqualTo(new YearlyFigures.Durations(3,
                java.util.Optional.of(Duration.ofSeconds(30)), java.util.Optional.of(Duration.ofSeconds(90))));
        assertThat(f.unacknowledged()).isEqualTo(1);
        // Real lockdowns lasted 20 and 10 minutes; drills 15 and 25 minutes.
        assertThat(f.timeInLockdown().median()).contains(Duration.ofMinutes(10));
        assertThat(f.timeInLockdown().p90()).contains(Duration.ofMinutes(20));
        assertThat(f.drillTimeInLockdown().median()).contains(Duration.ofMinutes(15));
        assertThat(f.drillTimeInLockdown().p90()).contains(Duration.ofMinutes(25));
    }

    @Test
    void flagsTheSiteThatReportsNoDegradingTreatmentForItsPupils() {
        Map<String, UnderReporting.Finding> u = figures().underReporting().stream()
                .collect(Collectors.toMap(UnderReporting.Finding::site, Function.identity()));
        // Per pupil: organisation (4 + 0) / (400 + 100) = 0.008; ek 4/400 = 0.01, sol 0.
        assertThat(u.get("ek").rate()).isCloseTo(0.01, within(1e-9));
        assertThat(u.get("ek").organisationRate()).isCloseTo(0.008, within(1e-9));
        assertThat(u.get("ek").flagged()).isFalse();
        assertThat(u.get("sol").flagged()).isTrue();
        // No pupil count: per panel, organisation (4 + 0 + 1) / (2 + 1 + 2) = 1.0; hus 1/2 = 0.5 is not below half.
        assertThat(u.get("hus").basis()).isEqualTo(UnderReporting.Basis.PER_PANEL);
        assertThat(u.get("hus").rate()).isCloseTo(0.5, within(1e-9));
        assertThat(u.get("hus").flagged()).isFalse();
    }

    @Test
    void availabilityCountsOnlyKnownTimeAndTheHoursAPanelWasDown() {
        YearlyFigures f = figures();
        Duration year = Duration.between(FixtureYear.YEAR.start(), FixtureYear.YEAR.end());
        assertThat(year).isEqualTo(Duration.ofDays(365));
        Availability.Share sol = f.bySite().get(1).availability();
        assertThat(sol.knownMs()).isEqualTo(year.toMillis());
        assertThat(sol.onlineMs()).isEqualTo(year.minusDays(1).toMillis());
        assertThat(sol.percent().orElseThrow()).isCloseTo(100.0 * 364 / 365, within(1e-9));
        // ek: p1 the whole year, p2 only from when it was first seen; never down.
        Availability.Share ek = f.bySite().get(0).availability();
        long p2 = Duration.between(FixtureYear.EK_P2_FIRST_SEEN, FixtureYear.YEAR.end()).toMillis();
        assertThat(ek.knownMs()).isEqualTo(year.toMillis() + p2);
        assertThat(ek.percent()).contains(100.0);
        assertThat(f.bySite().get(2).availability().percent()).isEmpty();
        assertThat(f.availability().knownMs()).isEqualTo(2 * year.toMillis() + p2);
    }

    @Test
    void availabilityOfTheCurrentYearStopsAtNow() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        java.util.Map<String, Availability.Share> shares = Availability.bySite(FixtureYear.PRESENCE,
                FixtureYear.YEAR.start(), now);
        assertThat(shares.get("sol").knownMs()).isEqualTo(Duration.between(FixtureYear.YEAR.start(), now).toMillis());
        assertThat(shares.get("sol").knownMs() - shares.get("sol").onlineMs()).isEqualTo(Duration.ofHours(12).toMillis());
    }

    @Test
    void registeredCasesByStatusAndLadderStepThemesAndThePlanAreCarried() {
        YearlyFigures f = figures();
        assertThat(f.caseStatus()).extracting(YearlyFigures.StatusRow::count).containsExactly(3L, 1L, 1L, 1L);
        assertThat(f.caseStatus().get(0).status()).isEqualTo(CaseStatus.REPORTED);
        assertThat(f.byLadderStep()).extracting(Count::current).containsExactly(3L, 1L, 1L, 1L, 0L);
        assertThat(f.byTheme()).containsExactly(new Count("extremism", 1, 0), new Count("Konflikt X", 2, 1));
        assertThat(f.actionPlan()).isEqualTo(FixtureYear.PLAN);
    }
}
