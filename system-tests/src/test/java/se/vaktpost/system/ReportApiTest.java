package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.app.HubMain;
import se.vaktpost.hub.incidentlog.LogCsv;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Download;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.SharedHub;
import se.vaktpost.testkit.JavaProcess;

/** Issue #4, reports from the live hub's own log: API, CLI, formats, rights, and never a name. */
class ReportApiTest {
    private static final String CHILD = "Kalle Testsson";
    private static final String YEAR = String.valueOf(LocalDate.now(ZoneId.of("Europe/Stockholm")).getYear());
    private static final String TODAY = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
    @RegisterExtension
    static final SharedHub SHARED = SharedHub.withAlfaPanels(1)
            .withUser("recep-alfa", Role.RECEPTION, "alfa")
            .withUser("sakerhet", Role.SECURITY, null);
    static ApiClient admin;

    private static HubProcess hub() {
        return SHARED.hub();
    }

    @BeforeAll
    static void start() {
        admin = hub().as(HubProcess.ADMIN);
        ApiClient security = hub().as("sakerhet");
        for (int i = 0; i < 2; i++) {
            String id = register("alfa", "degrading_treatment");
            assertThat(admin.post("/api/log/" + id + "/people", "{\"name\":\"" + CHILD + "\",\"part\":\"utsatt elev\"}")
                    .status()).isEqualTo(200);
        }
        register("beta", "threat_violence");
        // A real lockdown at alfa, acknowledged and ended; a drill at beta.
        String incident = security.post("/api/sites/alfa/lockdown", "{}").body().get("incident").asText();
        assertThat(security.post("/api/incidents/" + incident + "/acknowledge", "{}").status()).isEqualTo(200);
        assertThat(security.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
        assertThat(security.post("/api/sites/beta/lockdown", "{\"drill\":true}").status()).isEqualTo(200);
        assertThat(security.post("/api/sites/beta/all-clear", "{}").status()).isEqualTo(200);
    }

    private static String register(String site, String category) {
        Reply r = admin.post("/api/log", "{\"site\":\"" + site + "\",\"category\":\"" + category + "\",\"severity\":3,"
                + "\"description\":\"" + CHILD + " knuffades\",\"themes\":[\"Konflikt X\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("id").asText();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Table cells wrap; compare words, not line breaks.
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static Map<String, List<CSVRecord>> unzip(byte[] zip) throws IOException {
        Map<String, List<CSVRecord>> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] b = in.readAllBytes();
                out.put(e.getName().substring(3).replace(".csv", ""), CSVParser.parse(new InputStreamReader(
                        new ByteArrayInputStream(b, 3, b.length - 3), StandardCharsets.UTF_8), LogCsv.EXCEL_SV).getRecords());
            }
        }
        return out;
    }

    private static List<String> row(List<CSVRecord> table, String first) {
        return table.stream().filter(r -> r.get(0).equals(first)).findFirst().orElseThrow().toList();
    }

    @Test
    void theYearlyReportCountsTheLogKeepsDrillsApartAndComesAsPdfHtmlAndCsv() throws IOException {
        Download pdf = admin.download("/api/reports/yearly?year=" + YEAR + "&format=pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.disposition()).contains("attachment").contains("sakerhetsarbete-" + YEAR + ".pdf");
        String text = pdfText(pdf.body());
        assertThat(text).contains("Uppföljning av plan för systematiskt säkerhetsarbete " + YEAR)
                .contains("1. Kartläggning").contains("5. Förbättring").contains("Hela organisationen (2 skolenheter)")
                .contains("Under året registrerades 4 händelser");

        Map<String, List<CSVRecord>> csv = unzip(admin.download("/api/reports/yearly?year=" + YEAR + "&format=csv").body());
        assertThat(row(csv.get("incidents-by-category"), "Kränkande behandling")).startsWith("Kränkande behandling", "2", "0");
        assertThat(row(csv.get("incidents-by-category"), "Hot och våld").get(1)).isEqualTo("1");
        assertThat(row(csv.get("incidents-by-category"), "Inrymning").get(1)).as("the drill is not an incident").isEqualTo("1");
        assertThat(row(csv.get("alarms-and-drills"), "Inrymning")).containsExactly("Inrymning", "1", "1");
        assertThat(row(csv.get("incidents-by-theme"), "Konflikt X").get(1)).isEqualTo("3");
        assertThat(row(csv.get("response-times"), "Tid till kvittens, skarpa larm och inrymningar").get(1)).isEqualTo("1");
        // alfa: 2 reports over 300 pupils; beta has no pupil count and is compared per panel.
        assertThat(row(csv.get("under-reporting"), "Alfaskolan").get(1)).isEqualTo("per 100 elever");

        Download html = admin.download("/api/reports/yearly?year=" + YEAR + "&lang=en");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.disposition()).startsWith("inline");
        assertThat(html.text()).contains("1. Mapping").contains("<svg").contains("Betaskolan &lt;i&gt;Öst&lt;/i&gt;")
                .doesNotContain("<i>Öst</i>");
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE action = 'REPORT' AND actor = 'admin'")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void noReportOrExportEverHoldsAPersonsName() throws IOException {
        for (String kind : List.of("yearly?year=" + YEAR, "weekly?weekEnding=" + TODAY)) {
            for (String format : List.of("html", "pdf", "csv")) {
                Download d = admin.download("/api/reports/" + kind + "&format=" + format);
                assertThat(d.status()).isEqualTo(200);
                String text = format.equals("pdf") ? pdfText(d.body())
                        : format.equals("csv") ? unzip(d.body()).toString() : d.text();
                assertThat(text).as(kind + " " + format).doesNotContain("Kalle").doesNotContain("Testsson");
            }
        }
        assertThat(admin.download("/api/log.csv").text()).doesNotContain("Kalle");
    }

    @Test
    void theWeeklySummaryListsTheWeeksIncidentsThemesAndTheDrillMarkedAsADrill() throws IOException {
        Map<String, List<CSVRecord>> csv = unzip(admin.download("/api/reports/weekly?weekEnding=" + TODAY + "&format=csv").body());
        assertThat(row(csv.get("new-by-category"), "Kränkande behandling").get(1)).isEqualTo("2");
        assertThat(row(csv.get("themes"), "Konflikt X")).isNotEmpty();
        List<CSVRecord> alarms = csv.get("alarms-and-drills");
        assertThat(alarms).hasSize(3);
        assertThat(alarms.subList(1, 3)).extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(3))
                .containsExactly("Alfaskolan Inrymning nej", "Betaskolan <i>Öst</i> Inrymning ja");
        String pdf = pdfText(admin.download("/api/reports/weekly?weekEnding=" + TODAY + "&format=pdf").body());
        assertThat(pdf).contains("Veckosammanställning vecka").contains("Öppna uppföljningar");
    }

    @Test
    void administrationFillsInTheActionPlanAndTheReportCarriesIt() throws IOException {
        Reply added = admin.post("/api/action-plan", "{\"year\":" + YEAR + ",\"focusArea\":\"Kunskapshöjande insatser\","
                + "\"activity\":\"Utbildning i lågaffektivt bemötande\",\"goal\":\"All personal\",\"followUp\":\"\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        long id = added.body().get("id").asLong();
        assertThat(admin.post("/api/action-plan/" + id, "{\"year\":" + YEAR + ",\"focusArea\":\"Kunskapshöjande insatser\","
                + "\"activity\":\"Utbildning i lågaffektivt bemötande\",\"goal\":\"All personal\","
                + "\"followUp\":\"Genomförd i januari\"}").status()).isEqualTo(200);
        JsonNode plan = hub().as("sakerhet").get("/api/action-plan?year=" + YEAR).body();
        assertThat(plan).extracting(n -> n.get("followUp").asText()).contains("Genomförd i januari");
        String pdf = pdfText(admin.download("/api/reports/yearly?year=" + YEAR + "&format=pdf").body());
        assertThat(pdf).contains("Uppföljning av handlingsplan").contains("Kunskapshöjande insatser")
                .contains("Genomförd i januari");
        assertThat(hub().as("sakerhet").post("/api/action-plan", "{\"year\":" + YEAR + ",\"focusArea\":\"x\",\"activity\":\"y\"}")
                .status()).as("the plan is administration's").isEqualTo(403);
        Reply other = admin.post("/api/action-plan", "{\"year\":" + YEAR + ",\"focusArea\":\"Trygghet\",\"activity\":\"Övning\"}");
        assertThat(admin.delete("/api/action-plan/" + other.body().get("id").asLong()).status()).isEqualTo(200);
        assertThat(admin.get("/api/action-plan?year=" + YEAR).body()).hasSize(1);
    }

    @Test
    void receptionGetsItsOwnSchoolsReportOnly() throws IOException {
        ApiClient recep = hub().as("recep-alfa");
        Download own = recep.download("/api/reports/yearly?year=" + YEAR + "&format=pdf");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.disposition()).contains("sakerhetsarbete-" + YEAR + "-alfa.pdf");
        assertThat(pdfText(own.body())).contains("Alfaskolan").doesNotContain("Betaskolan");
        assertThat(recep.download("/api/reports/yearly?year=" + YEAR + "&site=beta").status()).isEqualTo(404);
        assertThat(recep.post("/api/action-plan", "{\"year\":" + YEAR + ",\"site\":\"alfa\",\"focusArea\":\"x\",\"activity\":\"y\"}")
                .status()).isEqualTo(403);
    }

    @Test
    void badReportRequestsGetAClearRejection() {
        assertThat(admin.get("/api/reports/yearly").status()).isEqualTo(400);
        assertThat(admin.get("/api/reports/yearly?year=abc").body().get("error").asText()).contains("year");
        assertThat(admin.get("/api/reports/yearly?year=" + YEAR + "&format=docx").body().get("error").asText())
                .contains("html, pdf, csv");
        assertThat(admin.get("/api/reports/yearly?year=" + YEAR + "&site=gamma").status()).isEqualTo(404);
        assertThat(admin.get("/api/reports/weekly?weekEnding=fredag").status()).isEqualTo(400);
        assertThat(admin.get("/api/reports/yearly?year=" + YEAR + "&format=csv&table=nope").body().get("error").asText())
                .contains("incidents-by-category");
        assertThat(hub().anonymous().get("/api/reports/yearly?year=" + YEAR).status()).isEqualTo(401);
        assertThat(admin.post("/api/action-plan", "{\"year\":" + YEAR + ",\"focusArea\":\"\",\"activity\":\"y\"}").status())
                .isEqualTo(400);
    }

    @Test
    void theCliWritesAnyReportToAFile() throws IOException {
        Path out = SHARED.dir().resolve("arsrapport.pdf");
        try (JavaProcess cli = JavaProcess.start("report-cli", HubMain.class, SHARED.dir().resolve("report-cli.log"),
                List.of("report", "yearly", "--year", YEAR, "--site", "alfa", "--format", "pdf", "--lang", "en",
                        "--config", SHARED.dir().resolve("sites.yaml").toString(), "--db", hub().db().toString(),
                        "--out", out.toString()))) {
            assertThat(cli.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", cli.lines())).isZero();
            assertThat(cli.lines()).anyMatch(l -> l.startsWith("wrote " + out));
        }
        assertThat(pdfText(Files.readAllBytes(out))).contains("Follow-up of the systematic safety plan " + YEAR)
                .contains("Alfaskolan").contains("Degrading treatment 2 0 +2");
        try (JavaProcess cli = JavaProcess.start("report-cli-bad", HubMain.class, SHARED.dir().resolve("report-cli-bad.log"),
                List.of("report", "weekly", "--site", "gamma", "--config", SHARED.dir().resolve("sites.yaml").toString(),
                        "--db", hub().db().toString()))) {
            assertThat(cli.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(cli.lines()).anyMatch(l -> l.contains("unknown site 'gamma'"));
        }
    }
}
