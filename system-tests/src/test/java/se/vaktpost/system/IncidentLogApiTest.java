package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.SharedHub;

/** Issue #4, the incident log over the API: register, follow up, filter, export; names kept apart. */
class IncidentLogApiTest {
    private static final String CHILD = "Kalle Testsson";
    @RegisterExtension
    static final SharedHub SHARED = SharedHub.withAlfaPanels(1)
            .withUser("recep-alfa", Role.RECEPTION, "alfa")
            .withUser("sakerhet", Role.SECURITY, null);

    private static HubProcess hub() {
        return SHARED.hub();
    }

    private static String register(ApiClient c, String site, String category, String at, String themes) {
        Reply r = c.post("/api/log", "{\"site\":\"" + site + "\",\"category\":\"" + category + "\",\"severity\":3,"
                + "\"at\":\"" + at + "\",\"description\":\"Elev knuffad i korridoren; \\\"citat\\\"; åäö\","
                + "\"themes\":[" + themes + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("id").asText();
    }

    @Test
    void staffRegisterAnIncidentThatDefaultsToStepOneWithAFollowUpAWeekLaterAndMovesForwardOnly() {
        ApiClient recep = hub().as("recep-alfa");
        String id = register(recep, "alfa", "degrading_treatment", "2026-03-02T09:15:00Z", "\"konflikt\"");
        JsonNode e = recep.get("/api/log/" + id).body();
        assertThat(e.get("status").asText()).isEqualTo("REPORTED");
        assertThat(e.get("ladderStep").asInt()).isEqualTo(1);
        assertThat(e.get("followUpOn").asText()).isEqualTo("2026-03-09");
        assertThat(e.get("themes")).extracting(JsonNode::asText).containsExactly("konflikt");

        assertThat(recep.post("/api/log/" + id, "{\"status\":\"investigating\",\"step\":3,\"measures\":\"Samtal med vårdnadshavare\"}")
                .status()).isEqualTo(200);
        assertThat(recep.post("/api/log/" + id, "{\"status\":\"reported\"}").status()).as("never backwards").isEqualTo(400);
        Reply closed = recep.post("/api/log/" + id, "{\"status\":\"closed\"}");
        assertThat(closed.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.body().get("ladderStep").asInt()).isEqualTo(3);
        assertThat(closed.body().get("closedAt").isNull()).isFalse();

        assertThat(recep.post("/api/log", "{\"site\":\"beta\",\"category\":\"fire\",\"description\":\"x\"}").status())
                .as("another school").isEqualTo(404);
        assertThat(recep.post("/api/log", "{\"site\":\"alfa\",\"category\":\"lockdown\",\"description\":\"x\"}").status())
                .as("panel categories are not registered by hand").isEqualTo(400);
        assertThat(recep.post("/api/log", "{\"site\":\"alfa\",\"category\":\"fire\",\"description\":\"x\",\"severity\":9}")
                .status()).isEqualTo(400);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE action='INCIDENT_REGISTER' AND target='" + id + "'"))
                .isEqualTo(1);
    }

    @Test
    void overdueFollowUpsAreListedAndFiltersCombine() {
        ApiClient security = hub().as("sakerhet");
        String old = register(security, "beta", "threat_violence", "2025-01-10T10:00:00Z", "\"extremism\"");
        register(security, "beta", "vandalism", "2025-01-11T10:00:00Z", "");
        assertThat(ids(security.get("/api/log?overdue=true&site=beta").body())).contains(old);
        assertThat(ids(security.get("/api/log?site=beta&theme=extremism").body())).containsExactly(old);
        assertThat(ids(security.get("/api/log?site=beta&category=vandalism&from=2025-01-11&to=2025-01-12").body()))
                .hasSize(1).doesNotContain(old);
        assertThat(security.get("/api/log?from=2025-02-01&to=2025-01-01").status()).isEqualTo(400);
        assertThat(security.get("/api/log?category=nonsense").status()).isEqualTo(400);
        assertThat(security.get("/api/incidents").body().toString()).as("the live feed holds panel incidents only")
                .doesNotContain(old);
    }

    @Test
    void personalDetailsStayApartAndNeverReachTheCsvExport() throws Exception {
        ApiClient recep = hub().as("recep-alfa");
        String id = register(recep, "alfa", "written_warning", "2026-04-01T08:00:00Z", "\"Tema; \\\"citat\\\" åäö\"");
        assertThat(recep.post("/api/log/" + id + "/people", "{\"name\":\"" + CHILD + "\",\"part\":\"elev\"}").status())
                .isEqualTo(200);
        assertThat(recep.get("/api/log/" + id + "/people").body().get(0).get("name").asText()).isEqualTo(CHILD);
        assertThat(hub().as("sakerhet").get("/api/log/" + id + "/people").status()).as("security sees no names")
                .isEqualTo(403);
        assertThat(recep.get("/api/log/" + id).body().toString()).doesNotContain(CHILD);

        Reply csv = hub().as(HubProcess.ADMIN).get("/api/log.csv");
        assertThat(csv.status()).isEqualTo(200);
        String text = csv.body().asText();
        assertThat(text).startsWith("\uFEFF").doesNotContain(CHILD);
        List<CSVRecord> rows = CSVFormat.EXCEL.builder().setDelimiter(';').get()
                .parse(new StringReader(text.substring(1))).getRecords();
        assertThat(rows.get(0).get(0)).isEqualTo("id");
        assertThat(rows.get(0).get(2)).isEqualTo("kategori");
        CSVRecord row = rows.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow();
        assertThat(row.get(2)).isEqualTo("Skriftlig varning");
        assertThat(row.get(9)).as("quotes, semicolons and å ä ö survive").isEqualTo("Tema; \"citat\" åäö");
        assertThat(rows.get(0).toList()).as("free texts stay in the hub").doesNotContain("beskrivning", "åtgärder");
        assertThat(text).doesNotContain("Elev knuffad");
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE action='EXPORT_CSV' AND actor='admin'")).isEqualTo(1);
    }

    private static List<String> ids(JsonNode array) {
        return array.findValuesAsText("id");
    }
}
