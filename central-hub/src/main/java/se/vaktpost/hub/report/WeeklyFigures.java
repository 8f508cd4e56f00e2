package se.vaktpost.hub.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.vaktpost.hub.incidentlog.Category;

/** The Friday summary to the board's presidium: the week's new incidents, open follow-ups, alarms. */
public record WeeklyFigures(
        ReportPeriod period,
        List<ReportSite> sites,
        List<CategoryRow> byCategory,
        List<SiteCategoryRow> bySiteAndCategory,
        List<ThemeRow> byTheme,
        List<FollowUpRow> followUps,
        List<AlarmLine> alarms) {

    /** New incidents of a category in the whole scope. */
    public record CategoryRow(Category category, long count) {
    }

    /** New incidents of a category at one site; only non-zero rows are listed. */
    public record SiteCategoryRow(ReportSite site, Category category, long count) {
    }

    public record ThemeRow(String theme, ReportSite site, long count) {
    }

    /** Open follow-ups of a site now; {@code due} of them fell due by the end of the week. */
    public record FollowUpRow(ReportSite site, long open, long due) {
    }

    /** A lockdown or silent alarm of the week, real or drill. */
    public record AlarmLine(ReportSite site, Category category, boolean drill, Instant openedAt,
                            Optional<Duration> toAcknowledge, Optional<Duration> duration) {
    }

    public long totalNew() {
        return byCategory.stream().mapToLong(CategoryRow::count).sum();
    }
}
