package se.vaktpost.hub.report.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVPrinter;
import se.vaktpost.hub.incidentlog.LogCsv;

/** Every table of a report as CSV for Swedish Excel: semicolons, UTF-8 with a byte-order mark. */
public final class CsvReport {
    private CsvReport() {
    }

    /** One table: its headings, then its rows. */
    public static byte[] table(ReportDocument.Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            try (CSVPrinter csv = new CSVPrinter(w, LogCsv.EXCEL_SV)) {
                csv.printRecord(texts(table.headings()));
                for (List<ReportDocument.Cell> row : table.rows()) {
                    csv.printRecord(texts(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** All tables in one ZIP, one CSV each, numbered in report order. */
    public static byte[] zip(ReportDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            int n = 1;
            for (ReportDocument.Table t : doc.tables()) {
                zip.putNextEntry(new ZipEntry(fileName(n++, t)));
                zip.write(table(t));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String fileName(int n, ReportDocument.Table t) {
        return String.format("%02d-%s.csv", n, t.id());
    }

    private static List<Object> texts(List<ReportDocument.Cell> cells) {
        return cells.stream().map(c -> LogCsv.cell(c.text())).toList();
    }
}
