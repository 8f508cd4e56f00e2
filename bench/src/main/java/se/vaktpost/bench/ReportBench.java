package se.vaktpost.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.ReportPeriod;
import se.vaktpost.hub.report.ReportSite;
import se.vaktpost.hub.report.ReportStore;
import se.vaktpost.hub.report.Reports;
import se.vaktpost.hub.report.Texts;
import se.vaktpost.hub.report.YearlyDocument;
import se.vaktpost.hub.report.YearlyFigures;
import se.vaktpost.hub.report.render.HtmlReport;
import se.vaktpost.hub.report.render.PdfReport;
import se.vaktpost.hub.report.render.ReportDocument;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The yearly report for the whole organisation over a large log, against the floor of the same
 * run: a bare JDBC scan of the same rows (both years) that reads every column and does nothing else.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Time the yearly report for the whole organisation on a generated log.")
final class ReportBench implements Callable<Integer> {
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    @Option(names = "--incidents", defaultValue = "1000000", description = "Incidents in the log (default: ${DEFAULT-VALUE}).")
    int incidents;

    @Option(names = "--sites", defaultValue = "200", description = "Sites (default: ${DEFAULT-VALUE}).")
    int sites;

    @Option(names = "--years", defaultValue = "5", description = "Years the log spans, ending last year (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each measurement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--db", description = "Database file; kept and reused when it already holds the log. Default: a temporary file.")
    Path db;

    @Override
    public Integer call() throws Exception {
        Path file = db != null ? db : Files.createTempDirectory("vaktpost-report-bench").resolve("hub.db");
        int lastYear = 2025;
        int firstYear = lastYear - years + 1;
        System.err.printf("Generating %,d incidents over %d-%d for %d sites in %s ...%n", incidents, firstYear, lastYear,
                sites, file);
        long g0 = System.nanoTime();
        ReportData.generate(file, sites, incidents, firstYear, years, ZONE);
        System.err.printf("  done in %.1f s%n", (System.nanoTime() - g0) / 1e9);

        SiteRegistry registry = ReportData.registry(sites);
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        ReportPeriod year = ReportPeriod.year(lastYear, ZONE);
        try (ReportStore store = new ReportStore(file); Connection raw = SqliteDatabase.openReadOnly(file)) {
            Reports reports = new Reports(registry, store, clock);
            List<ReportSite> all = reports.scope(List.of());
            long rows = floorScan(raw, year);
            System.err.printf("Timing %d runs each (after one warm-up) ...%n", runs);
            long[] floor = time(() -> floorScan(raw, year));
            long[] aggregate = time(() -> reports.yearly(lastYear, all).totalIncidents());
            YearlyFigures figures = reports.yearly(lastYear, all);
            ReportDocument doc = YearlyDocument.build(figures, Texts.of("sv"), sites, LocalDate.now(clock));
            long[] html = time(() -> HtmlReport.render(doc).length());
            long[] pdf = time(() -> PdfReport.render(doc).length);

            System.out.printf("Vaktpost report benchmark, %s, %d cores, %s %s, Java %s%n", LocalDate.now(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    System.getProperty("os.arch"), System.getProperty("java.version"));
            System.out.printf("log: %,d incidents, %d sites, %d-%d; yearly report %d for the whole organisation "
                    + "reads %,d rows (%d and %d)%n%n", incidents, sites, firstYear, lastYear, lastYear, rows,
                    lastYear, lastYear - 1);
            System.out.println("| measurement                                                   | median (ms) | min (ms) |");
            System.out.println("|---------------------------------------------------------------|------------:|---------:|");
            row("floor: raw JDBC scan of the same rows, every column read", floor);
            row("yearly report figures: SQL reads + aggregation (all sections)", aggregate);
            row("drawing the finished report as HTML (with SVG charts)", html);
            row("drawing the finished report as PDF", pdf);
            System.out.printf("%nyearly figures / raw scan floor: median x%.1f; %,d incidents counted in %d%n",
                    (double) median(aggregate) / median(floor), figures.totalIncidents(), lastYear);
        }
        return 0;
    }

    private static long floorScan(Connection raw, ReportPeriod year) throws Exception {
        long n = 0;
        for (ReportPeriod p : List.of(year, year.previousYear())) {
            try (PreparedStatement ps = Jdbc.prepare(raw, "SELECT site, category, drill, opened_at, acknowledged_at, "
                    + "closed_at, status, ladder_step FROM incidents WHERE opened_at >= ? AND opened_at < ?",
                    Jdbc.bound(p.start()), Jdbc.bound(p.end())); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int c = 1; c <= 8; c++) {
                        rs.getString(c);
                    }
                    n++;
                }
            }
        }
        return n;
    }

    private interface Work {
        Object run() throws Exception;
    }

    private long[] time(Work work) throws Exception {
        work.run();
        long[] out = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            out[i] = System.nanoTime() - t0;
        }
        return out;
    }

    private static long median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void row(String what, long[] ns) {
        System.out.printf("| %-61s | %11.0f | %8.0f |%n", what, median(ns) / 1e6, Arrays.stream(ns).min().orElse(0) / 1e6);
    }
}
