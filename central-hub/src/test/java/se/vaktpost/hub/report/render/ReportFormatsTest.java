package se.vaktpost.hub.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import se.vaktpost.hub.incidentlog.LogCsv;
import se.vaktpost.hub.report.ReportFixtures;
import se.vaktpost.hub.report.Texts;

class ReportFormatsTest {
    private static final LocalDate MADE = LocalDate.of(2026, 1, 15);

    private static ReportDocument yearly(String lang) {
        return ReportFixtures.yearlyDocument(Texts.of(lang), MADE);
    }

    @Test
    void htmlIsWellFormedXhtmlWithTheFiveStepsAndAChartPerMonthAndCategory() throws Exception {
        String html = HtmlReport.render(yearly("sv"));
        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(html)));
        List<String> h2 = texts(dom, "h2");
        assertThat(h2).containsExactly("1. Kartläggning", "2. Analys", "3. Åtgärd", "4. Utvärdering", "5. Förbättring");
        assertThat(dom.getElementsByTagName("svg").getLength()).isEqualTo(2);
        // Twelve months, each a current and a previous-year bar, plus the legend's two swatches.
        org.w3c.dom.Element months = (org.w3c.dom.Element) dom.getElementsByTagName("svg").item(1);
        assertThat(months.getElementsByTagName("rect").getLength()).isEqualTo(12 * 2 + 2);
        assertThat(html).contains("Solrosens skola").contains("Uppsökande insats").contains("lang=\"sv\"");
    }

    @Test
    void englishIsAvailable() {
        String html = HtmlReport.render(yearly("en"));
        assertThat(html).contains("1. Mapping").contains("5. Improvement").contains("Degrading treatment")
                .contains("Outreach").doesNotContain("Kartläggning");
    }

    @Test
    void pdfOpensAndHoldsTheHeadingsAndTheHandCountedNumbers() throws IOException {
        byte[] pdf = PdfReport.render(yearly("sv"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Uppföljning av plan för systematiskt säkerhetsarbete 2025")
                    .contains("1. Kartläggning").contains("2. Analys").contains("3. Åtgärd").contains("4. Utvärdering")
                    .contains("5. Förbättring")
                    .contains("Under året registrerades 11 händelser (2024: 3, förändring +8).")
                    .contains("Kränkande behandling 5 1 +4 +400,0 %")
                    .contains("Tid till kvittens, skarpa larm och inrymningar 3 30 s 1 min 30 s")
                    .contains("Uppsökande insats rekommenderas för: Solrosens skola.")
                    .contains("99,7 %");
        }
    }

    @Test
    void everyTableRoundTripsThroughACsvParser() throws IOException {
        ReportDocument doc = yearly("sv");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(CsvReport.zip(doc)), StandardCharsets.UTF_8)) {
            int i = 0;
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                ReportDocument.Table table = doc.tables().get(i++);
                byte[] bytes = zip.readAllBytes();
                assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("\uFEFF");
                List<CSVRecord> records = CSVParser.parse(new InputStreamReader(
                        new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8), LogCsv.EXCEL_SV)
                        .getRecords();
                assertThat(records).hasSize(table.rows().size() + 1);
                assertThat(records.get(0).toList()).isEqualTo(cells(table.headings()));
                for (int r = 0; r < table.rows().size(); r++) {
                    assertThat(records.get(r + 1).toList()).isEqualTo(cells(table.rows().get(r)));
                }
            }
        }
        assertThat(names).hasSize(doc.tables().size()).contains("01-incidents-by-category.csv", "10-action-plan.csv", "11-panels-by-site.csv", "12-alarms-by-site.csv");
    }

    @Test
    void textFromTheLogIsShownAsTextNeverAsMarkup() {
        ReportDocument doc = new ReportDocument("sv", "<b>x</b>", "a & b", List.of(), List.of(new ReportDocument.Section(
                "h", List.of(ReportDocument.Block.chart(new ReportDocument.Chart("c", "<script>", "\"s\"", null,
                        List.of(new ReportDocument.Bar("<img src=x>", 3, 0))))))));
        String html = HtmlReport.render(doc);
        assertThat(html).doesNotContain("<b>x</b>").doesNotContain("<script>").doesNotContain("<img")
                .contains("&lt;b&gt;x&lt;/b&gt;").contains("a &amp; b");
    }

    private static List<String> cells(List<ReportDocument.Cell> cells) {
        return cells.stream().map(ReportDocument.Cell::text).toList();
    }

    private static List<String> texts(Document dom, String tag) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < dom.getElementsByTagName(tag).getLength(); i++) {
            out.add(dom.getElementsByTagName(tag).item(i).getTextContent());
        }
        return out;
    }
}
