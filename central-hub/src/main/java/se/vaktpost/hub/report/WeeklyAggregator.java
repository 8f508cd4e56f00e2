package se.vaktpost.hub.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import se.vaktpost.hub.incidentlog.Category;

/** Computes the weekly summary from facts. Pure. */
public final class WeeklyAggregator {

    public record Inputs(ReportPeriod period, List<ReportSite> sites, List<Facts.Incident> incidents,
                         List<Facts.Theme> themes, List<Facts.FollowUp> openFollowUps) {
    }

    private WeeklyAggregator() {
    }

    public static WeeklyFigures compute(Inputs in) {
        Map<String, ReportSite> sites = new LinkedHashMap<>();
        in.sites().forEach(s -> sites.put(s.id(), s));
        Map<String, long[]> bySite = new LinkedHashMap<>();
        long[] byCategory = new long[Category.values().length];
        List<WeeklyFigures.AlarmLine> alarms = new ArrayList<>();
        for (Facts.Incident f : in.incidents()) {
            ReportSite site = sites.get(f.site());
            if (site == null || !in.period().contains(f.openedAt())) {
                continue;
            }
            if (f.category() == Category.LOCKDOWN || f.category() == Category.ALARM) {
                alarms.add(new WeeklyFigures.AlarmLine(site, f.category(), f.drill(), f.openedAt(),
                        Optional.ofNullable(f.acknowledgedAt()).map(a -> Duration.between(f.openedAt(), a)),
                        Optional.ofNullable(f.closedAt()).map(c -> Duration.between(f.openedAt(), c))));
            }
            if (!f.drill()) {
                byCategory[f.category().ordinal()]++;
                bySite.computeIfAbsent(f.site(), k -> new long[Category.values().length])[f.category().ordinal()]++;
            }
        }
        alarms.sort(Comparator.comparing(WeeklyFigures.AlarmLine::openedAt));

        List<WeeklyFigures.CategoryRow> categories = new ArrayList<>();
        for (Category c : Category.values()) {
            categories.add(new WeeklyFigures.CategoryRow(c, byCategory[c.ordinal()]));
        }
        List<WeeklyFigures.SiteCategoryRow> siteRows = new ArrayList<>();
        for (ReportSite s : in.sites()) {
            long[] counts = bySite.get(s.id());
            for (Category c : Category.values()) {
                if (counts != null && counts[c.ordinal()] > 0) {
                    siteRows.add(new WeeklyFigures.SiteCategoryRow(s, c, counts[c.ordinal()]));
                }
            }
        }
        return new WeeklyFigures(in.period(), in.sites(), categories, siteRows, themes(in, sites), followUps(in),
                alarms);
    }

    private static List<WeeklyFigures.ThemeRow> themes(Inputs in, Map<String, ReportSite> sites) {
        Map<String, Map<String, Long>> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Facts.Theme t : in.themes()) {
            if (sites.containsKey(t.site()) && in.period().contains(t.openedAt())) {
                counts.computeIfAbsent(t.theme(), k -> new TreeMap<>()).merge(t.site(), 1L, Long::sum);
            }
        }
        List<WeeklyFigures.ThemeRow> out = new ArrayList<>();
        counts.forEach((theme, perSite) -> perSite.forEach(
                (site, n) -> out.add(new WeeklyFigures.ThemeRow(theme, sites.get(site), n))));
        return out;
    }

    private static List<WeeklyFigures.FollowUpRow> followUps(Inputs in) {
        Map<String, List<Facts.FollowUp>> bySite = in.openFollowUps().stream()
                .collect(Collectors.groupingBy(Facts.FollowUp::site));
        List<WeeklyFigures.FollowUpRow> out = new ArrayList<>();
        for (ReportSite s : in.sites()) {
            List<Facts.FollowUp> open = bySite.getOrDefault(s.id(), List.of());
            long due = open.stream().filter(f -> f.due().isBefore(in.period().until())).count();
            out.add(new WeeklyFigures.FollowUpRow(s, open.size(), due));
        }
        return out;
    }
}
