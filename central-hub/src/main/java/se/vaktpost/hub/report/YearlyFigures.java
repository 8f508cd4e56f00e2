package se.vaktpost.hub.report;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

/**
 * Every figure of the yearly report of the systematic safety plan. Drills are kept apart: they
 * are never counted as incidents, only in their own columns.
 */
public record YearlyFigures(
        ReportPeriod period,
        List<ReportSite> sites,
        List<Count> byCategory,
        List<Count> byMonth,
        List<SiteRow> bySite,
        List<Count> byTheme,
        List<AlarmRow> alarms,
        Durations timeToAcknowledge,
        Durations timeInLockdown,
        Durations drillTimeInLockdown,
        long unacknowledged,
        Availability.Share availability,
        List<UnderReporting.Finding> underReporting,
        List<StatusRow> caseStatus,
        List<Count> byLadderStep,
        List<ActionPlanItem> actionPlan) {

    /** One site's year. */
    public record SiteRow(ReportSite site, Count incidents, long lockdowns, long lockdownDrills, long silentAlarms,
                          long alarmDrills, long tamper, long panelOffline, Availability.Share availability) {
    }

    /** Real alarms of a kind against drills of the same kind. */
    public record AlarmRow(Category category, long real, long drills) {
    }

    /** How long something took: count, median and p90 by nearest rank. */
    public record Durations(int n, Optional<Duration> median, Optional<Duration> p90) {
        public static Durations of(List<Duration> values) {
            return new Durations(values.size(), Percentiles.median(values), Percentiles.p90(values));
        }
    }

    /** Registered cases of the year by where their handling stands now. */
    public record StatusRow(CaseStatus status, long count) {
    }

    public long totalIncidents() {
        return byCategory.stream().mapToLong(Count::current).sum();
    }

    public long totalPrevious() {
        return byCategory.stream().mapToLong(Count::previous).sum();
    }
}
