package se.vaktpost.hub.incidentlog;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The log as CSV that Swedish Excel opens as it is: semicolons, CRLF, UTF-8 with a byte-order
 * mark. Statistical fields only: people's details are never part of it, and neither are the free
 * texts (description, measures), where a name typed by mistake would otherwise leave the hub.
 */
public final class LogCsv {
    public static final CSVFormat EXCEL_SV = CSVFormat.EXCEL.builder().setDelimiter(';').get();

    private LogCsv() {
    }

    public static String write(List<LogEntry> entries, Locale locale) throws IOException {
        boolean en = "en".equals(locale.getLanguage());
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv = new CSVPrinter(out, EXCEL_SV)) {
            csv.printRecord(en
                    ? List.of("id", "site", "category", "severity", "opened", "drill", "status", "step", "follow-up",
                    "themes")
                    : List.of("id", "skola", "kategori", "allvarlighet", "tidpunkt", "övning", "status", "steg",
                    "uppföljning", "teman"));
            for (LogEntry e : entries) {
                csv.printRecord(e.id(), e.site(), e.category().label(locale), e.severity(), e.openedAt(),
                        e.drill() ? (en ? "yes" : "ja") : (en ? "no" : "nej"), e.status().label(locale),
                        e.ladderStep(), e.followUpOn(), String.join(", ", e.themes()));
            }
        }
        return out.toString();
    }
}
