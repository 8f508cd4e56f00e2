package se.vaktpost.hub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.ReportPeriod;
import se.vaktpost.hub.report.ReportStore;
import se.vaktpost.hub.report.Reports;

/** {@code central-hub report yearly|weekly ...}: any report for a period and sites, to a file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the yearly safety-plan report or the weekly summary to a file (HTML, PDF or CSV).",
        subcommands = {ReportCommand.Yearly.class, ReportCommand.Weekly.class})
final class ReportCommand {

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "Site registry (YAML): names, pupils, panels.")
        Path config;

        @Option(names = "--db", defaultValue = "data/hub.db", description = "SQLite database file (default: ${DEFAULT-VALUE}).")
        Path db;

        @Option(names = "--site", description = "A site to report on; repeat for several. Default: every site.")
        List<String> sites = new ArrayList<>();

        @Option(names = "--format", defaultValue = "pdf", description = "html, pdf or csv (a ZIP of every table) (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--table", description = "With --format csv: only this table, e.g. incidents-by-category.")
        String table;

        @Option(names = "--lang", defaultValue = "sv", description = "sv or en (default: ${DEFAULT-VALUE}).")
        String lang;

        @Option(names = "--out", description = "File to write. Default: a name from the report, in the current directory.")
        Path out;

        abstract Reports.Request request(Reports.Format format, java.time.ZoneId zone);

        @Override
        public Integer call() throws Exception {
            SiteRegistry registry = SiteRegistry.load(config);
            if (!Files.exists(db)) {
                throw new IllegalArgumentException("no database at " + db + "; give the hub's file with --db");
            }
            Reports.Format f = Reports.Format.parse(format);
            try (ReportStore store = new ReportStore(db); AccountStore accounts = new AccountStore(db)) {
                Reports reports = new Reports(registry, store, Clock.systemUTC());
                Reports.Request request = request(f, reports.zone());
                long started = System.nanoTime();
                System.err.println("reading the log and computing the " + request.kind().name().toLowerCase()
                        + " report for " + (sites.isEmpty() ? "every site" : String.join(", ", sites)) + " ...");
                Reports.Output output = reports.produce(request);
                Path target = out != null ? out : Path.of(output.fileName());
                Files.write(target, output.body());
                UsersCommand.cliAudit(accounts, "REPORT", request.kind() + " "
                        + (request.kind() == Reports.Kind.YEARLY ? request.year() : request.lastDay()) + " "
                        + f + " " + (sites.isEmpty() ? "all" : String.join(",", sites)));
                System.err.printf("wrote %s (%d bytes) in %d ms%n", target, output.body().length,
                        (System.nanoTime() - started) / 1_000_000);
                return 0;
            }
        }
    }

    @Command(name = "yearly", mixinStandardHelpOptions = true,
            description = "Follow-up of the systematic safety plan for a calendar year, by the five steps.")
    static final class Yearly extends Base {
        @Option(names = "--year", description = "Calendar year (default: last year).")
        Integer year;

        @Override
        Reports.Request request(Reports.Format f, java.time.ZoneId zone) {
            int y = year != null ? year : LocalDate.now(zone).getYear() - 1;
            return new Reports.Request(Reports.Kind.YEARLY, y, null, sites, f, lang, table);
        }
    }

    @Command(name = "weekly", mixinStandardHelpOptions = true,
            description = "The Friday summary: the seven days ending on the given day.")
    static final class Weekly extends Base {
        @Option(names = "--week-ending", description = "Last day of the week, yyyy-mm-dd (default: the latest Friday).")
        LocalDate lastDay;

        @Override
        Reports.Request request(Reports.Format f, java.time.ZoneId zone) {
            LocalDate day = lastDay != null ? lastDay : ReportPeriod.latestFriday(LocalDate.now(zone));
            return new Reports.Request(Reports.Kind.WEEKLY, day.getYear(), day, sites, f, lang, table);
        }
    }
}
