package se.vaktpost.hub.report;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;

/** Computes the yearly figures from facts. Pure: the caller reads the facts and passes them in. */
public final class YearlyAggregator {

    /** Everything the yearly report is computed from; facts are for the sites in scope only. */
    public record Inputs(ReportPeriod period, List<ReportSite> sites, List<Facts.Incident> current,
                         List<Facts.Incident> previous, List<Facts.Theme> themes, List<Facts.Theme> previousThemes,
                         List<Facts.PresenceChange> presence, Instant now,
                         Map<String, Long> degradingBySiteOrganisationWide, List<ReportSite> organisation,
                         List<ActionPlanItem> actionPlan) {
    }

    private static final Category[] CATEGORIES = Category.values();

    private YearlyAggregator() {
    }

    public static YearlyFigures compute(Inputs in) {
        ReportPeriod period = in.period();
        Map<String, Integer> siteIndex = new HashMap<>();
        in.sites().forEach(s -> siteIndex.put(s.id(), siteIndex.size()));
        int sites = in.sites().size();
        Tally now = new Tally(period, sites);
        Tally before = new Tally(period.previousYear(), sites);
        long[][] real = new long[sites][CATEGORIES.length];
        long[][] drills = new long[sites][CATEGORIES.length];
        long[] status = new long[CaseStatus.values().length];
        long[] ladder = new long[6];
        List<Duration> ack = new ArrayList<>();
        List<Duration> lockdown = new ArrayList<>();
        List<Duration> drillLockdown = new ArrayList<>();
        long unacknowledged = 0;
        for (Facts.Incident f : in.current()) {
            Integer site = siteIndex.get(f.site());
            if (site == null || !period.contains(f.openedAt())) {
                continue;
            }
            int c = f.category().ordinal();
            if (f.drill()) {
                drills[site][c]++;
                if (f.category() == Category.LOCKDOWN && f.closedAt() != null) {
                    drillLockdown.add(Duration.between(f.openedAt(), f.closedAt()));
                }
                continue;
            }
            real[site][c]++;
            now.add(site, c, f.openedAt());
            boolean alarm = f.category() == Category.ALARM || f.category() == Category.LOCKDOWN;
            if (alarm && f.acknowledgedAt() != null) {
                ack.add(Duration.between(f.openedAt(), f.acknowledgedAt()));
            } else if (alarm) {
                unacknowledged++;
            }
            if (f.category() == Category.LOCKDOWN && f.closedAt() != null) {
                lockdown.add(Duration.between(f.openedAt(), f.closedAt()));
            }
            if (!f.category().raisedByPanel()) {
                status[f.status().ordinal()]++;
                ladder[f.ladderStep()]++;
            }
        }
        for (Facts.Incident f : in.previous()) {
            Integer site = siteIndex.get(f.site());
            if (site != null && !f.drill() && before.period.contains(f.openedAt())) {
                before.add(site, f.category().ordinal(), f.openedAt());
            }
        }

        Instant availabilityEnd = in.now().isBefore(period.end()) ? in.now() : period.end();
        Map<String, Availability.Share> availability = Availability.bySite(in.presence(), period.start(), availabilityEnd);

        List<Count> byCategory = new ArrayList<>();
        for (Category c : CATEGORIES) {
            byCategory.add(new Count(c.name(), now.byCategory[c.ordinal()], before.byCategory[c.ordinal()]));
        }
        List<Count> byMonth = new ArrayList<>();
        List<YearMonth> months = period.months();
        for (int m = 0; m < months.size(); m++) {
            byMonth.add(new Count(months.get(m).toString(), now.byMonth[m], before.byMonth[m]));
        }
        List<YearlyFigures.SiteRow> bySite = new ArrayList<>();
        Availability.Share total = Availability.Share.NONE;
        for (ReportSite s : in.sites()) {
            int i = siteIndex.get(s.id());
            Availability.Share share = availability.getOrDefault(s.id(), Availability.Share.NONE);
            total = total.plus(share);
            bySite.add(new YearlyFigures.SiteRow(s, new Count(s.id(), now.bySite[i], before.bySite[i]),
                    real[i][Category.LOCKDOWN.ordinal()], drills[i][Category.LOCKDOWN.ordinal()],
                    real[i][Category.ALARM.ordinal()], drills[i][Category.ALARM.ordinal()],
                    real[i][Category.TAMPER.ordinal()], real[i][Category.PANEL_OFFLINE.ordinal()], share));
        }
        List<YearlyFigures.AlarmRow> alarms = List.of(alarmRow(Category.LOCKDOWN, real, drills),
                alarmRow(Category.ALARM, real, drills));
        List<YearlyFigures.StatusRow> statusRows = new ArrayList<>();
        for (CaseStatus s : CaseStatus.values()) {
            statusRows.add(new YearlyFigures.StatusRow(s, status[s.ordinal()]));
        }
        List<Count> byLadder = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            byLadder.add(new Count(String.valueOf(step), ladder[step], 0));
        }
        return new YearlyFigures(period, in.sites(), byCategory, byMonth, bySite,
                themes(in.themes(), in.previousThemes(), period, siteIndex), alarms, YearlyFigures.Durations.of(ack),
                YearlyFigures.Durations.of(lockdown), YearlyFigures.Durations.of(drillLockdown), unacknowledged, total,
                underReporting(in, siteIndex), statusRows, byLadder, in.actionPlan());
    }

    private static YearlyFigures.AlarmRow alarmRow(Category c, long[][] real, long[][] drills) {
        return new YearlyFigures.AlarmRow(c, Arrays.stream(real).mapToLong(r -> r[c.ordinal()]).sum(),
                Arrays.stream(drills).mapToLong(r -> r[c.ordinal()]).sum());
    }

    private static List<Count> themes(List<Facts.Theme> current, List<Facts.Theme> previous, ReportPeriod period,
                                      Map<String, Integer> sites) {
        Map<String, long[]> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Facts.Theme t : current) {
            if (sites.containsKey(t.site()) && period.contains(t.openedAt())) {
                counts.computeIfAbsent(t.theme(), k -> new long[2])[0]++;
            }
        }
        ReportPeriod before = period.previousYear();
        for (Facts.Theme t : previous) {
            if (sites.containsKey(t.site()) && before.contains(t.openedAt())) {
                counts.computeIfAbsent(t.theme(), k -> new long[2])[1]++;
            }
        }
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Compared with the whole organisation even when the report covers fewer sites. */
    private static List<UnderReporting.Finding> underReporting(Inputs in, Map<String, Integer> scope) {
        List<UnderReporting.Unit> units = in.organisation().stream()
                .map(s -> new UnderReporting.Unit(s.id(), s.pupils(), s.panels(),
                        in.degradingBySiteOrganisationWide().getOrDefault(s.id(), 0L)))
                .toList();
        return UnderReporting.assess(units).stream().filter(f -> scope.containsKey(f.site())).toList();
    }

    /** Counts of real incidents by category, month and site for one period. */
    private static final class Tally {
        final ReportPeriod period;
        final long[] monthStarts;
        final long[] byCategory = new long[CATEGORIES.length];
        final long[] byMonth;
        final long[] bySite;

        Tally(ReportPeriod period, int sites) {
            this.period = period;
            List<YearMonth> months = period.months();
            this.monthStarts = months.stream()
                    .mapToLong(m -> m.atDay(1).atStartOfDay(period.zone()).toInstant().toEpochMilli()).toArray();
            this.byMonth = new long[months.size()];
            this.bySite = new long[sites];
        }

        void add(int site, int category, Instant at) {
            byCategory[category]++;
            bySite[site]++;
            int i = Arrays.binarySearch(monthStarts, at.toEpochMilli());
            byMonth[i >= 0 ? i : -i - 2]++;
        }
    }
}
