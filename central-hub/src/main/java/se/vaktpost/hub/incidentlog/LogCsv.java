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

    /**
     * A text that a spreadsheet would take for a formula (=, +, -, @, tab, carriage return first)
     * gets a leading apostrophe, so a theme or a site name typed as "=HYPERLINK(...)" stays text.
     * Numbers pass as they are. Every CSV the hub writes goes through this.
     */
    public static Object cell(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !SIGNED_NUMBER.matcher(text).matches()) {
            return "'" + text;
        }
        return value;
    }

    /** A change such as "+2" or "-3,5 %" in a report: a number, harmless to any spreadsheet. */
    private static final java.util.regex.Pattern SIGNED_NUMBER = java.util.regex.Pattern.compile("[+-]\\d[\\d ,.]*%?");

    static List<Object> cells(Object... values) {
        return java.util.Arrays.stream(values).map(LogCsv::cell).toList();
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
                csv.printRecord(cells(e.id(), e.site(), e.category().label(locale), e.severity(), e.openedAt(),
                        e.drill() ? (en ? "yes" : "ja") : (en ? "no" : "nej"), e.status().label(locale),
                        e.ladderStep(), e.followUpOn(), String.join(", ", e.themes())));
            }
        }
        return out.toString();
    }
}
