package se.vaktpost.hub.report;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.render.CsvReport;
import se.vaktpost.hub.report.render.HtmlReport;
import se.vaktpost.hub.report.render.PdfReport;
import se.vaktpost.hub.report.render.ReportDocument;

/** Produces any report for a period and sites in any format; used by the CLI and the API. */
public final class Reports {

    public enum Kind { YEARLY, WEEKLY }

    public enum Format {
        HTML("text/html; charset=utf-8", "html"),
        PDF("application/pdf", "pdf"),
        CSV("application/zip", "zip");

        public final String contentType;
        public final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public static Format parse(String text) {
            try {
                return text == null ? HTML : valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + text + "'; one of html, pdf, csv");
            }
        }
    }

    /**
     * What to produce. {@code sites} empty means every site. {@code year} is for the yearly report,
     * {@code lastDay} (a Friday, by custom) for the weekly. {@code table} picks one CSV table by id.
     */
    public record Request(Kind kind, int year, LocalDate lastDay, List<String> sites, Format format, String lang,
                          String table) {
    }

    public record Output(byte[] body, String contentType, String fileName) {
    }

    private final SiteRegistry registry;
    private final ReportStore store;
    private final Clock clock;

    public Reports(SiteRegistry registry, ReportStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
    }

    public ZoneId zone() {
        return registry.settings().timeZone();
    }

    public Output produce(Request r) throws SQLException {
        Texts texts = Texts.of(r.lang());
        LocalDate today = LocalDate.now(clock.withZone(zone()));
        List<ReportSite> scope = scope(r.sites());
        ReportDocument doc;
        String name;
        if (r.kind() == Kind.YEARLY) {
            doc = YearlyDocument.build(yearly(r.year(), scope), texts, registry.sites().size(), today);
            name = "sakerhetsarbete-" + r.year();
        } else {
            doc = WeeklyDocument.build(weekly(r.lastDay(), scope), texts, registry.sites().size(), today);
            name = "vecka-" + r.lastDay();
        }
        if (scope.size() == 1) {
            name += "-" + scope.get(0).id();
        }
        return render(doc, r.format(), r.table(), name);
    }

    public YearlyFigures yearly(int year, List<ReportSite> scope) throws SQLException {
        ReportPeriod period = ReportPeriod.year(year, zone());
        ReportPeriod before = period.previousYear();
        List<String> ids = ids(scope);
        List<ReportSite> organisation = scope(List.of());
        return YearlyAggregator.compute(new YearlyAggregator.Inputs(period, scope, store.incidents(period, ids),
                store.incidents(before, ids), store.themes(period, ids), store.themes(before, ids),
                store.presence(period, ids), clock.instant(), store.degradingBySite(period), organisation,
                store.plan(year, ids)));
    }

    public WeeklyFigures weekly(LocalDate lastDay, List<ReportSite> scope) throws SQLException {
        ReportPeriod period = ReportPeriod.weekEnding(lastDay, zone());
        List<String> ids = ids(scope);
        return WeeklyAggregator.compute(new WeeklyAggregator.Inputs(period, scope, store.incidents(period, ids),
                store.themes(period, ids), store.openFollowUps(ids)));
    }

    /** The sites asked for, in registry order; every site when none is named. */
    public List<ReportSite> scope(List<String> ids) {
        for (String id : ids) {
            if (registry.site(id).isEmpty()) {
                throw new IllegalArgumentException("unknown site '" + id + "'");
            }
        }
        return registry.sites().stream().filter(s -> ids.isEmpty() || ids.contains(s.id()))
                .map(s -> new ReportSite(s.id(), s.name(), s.pupils(), s.panels().size())).toList();
    }

    private static Output render(ReportDocument doc, Format format, String table, String name) {
        return switch (format) {
            case HTML -> new Output(HtmlReport.render(doc).getBytes(StandardCharsets.UTF_8), format.contentType,
                    name + ".html");
            case PDF -> new Output(PdfReport.render(doc), format.contentType, name + ".pdf");
            case CSV -> table == null ? new Output(CsvReport.zip(doc), format.contentType, name + ".zip")
                    : new Output(CsvReport.table(doc.tables().stream().filter(t -> t.id().equals(table)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no table '" + table + "' in this report; one of "
                            + doc.tables().stream().map(ReportDocument.Table::id).toList()))),
                    "text/csv; charset=utf-8", name + "-" + table + ".csv");
        };
    }

    /** The ids to filter by; null (no filter) when the scope is the whole organisation. */
    private List<String> ids(List<ReportSite> scope) {
        return scope.size() == registry.sites().size() ? null : scope.stream().map(ReportSite::id).toList();
    }
}
