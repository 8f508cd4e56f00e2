package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.SharedHub;

/** Issue #3, API part: roles checked on the server, CSRF, login rate limit, flows and audit. */
class ApiSecurityTest {
    @RegisterExtension
    static final SharedHub SHARED = SharedHub.withAlfaPanels(2)
            .withUser("recep-alfa", Role.RECEPTION, "alfa")
            .withUser("sakerhet", Role.SECURITY, null)
            .withUser("gissad", Role.SECURITY, null);

    private static HubProcess hub() {
        return SHARED.hub();
    }

    @Test
    void receptionOfOneSchoolSeesAndActsOnlyThere() {
        ApiClient recep = hub().as("recep-alfa");
        Reply sites = recep.get("/api/sites");
        assertThat(ids(sites.body())).containsExactly("alfa");
        assertThat(recep.get("/api/sites/beta").status()).isEqualTo(404);
        assertThat(recep.get("/api/incidents?site=beta").status()).isEqualTo(404);
        assertThat(recep.post("/api/sites/beta/lockdown", "{}").status()).isEqualTo(404);
        assertThat(hub().get("/api/sites/beta").get("mode").asText()).as("beta untouched").isEqualTo("NORMAL");

        Reply lock = recep.post("/api/sites/alfa/lockdown", "{}");
        assertThat(lock.status()).isEqualTo(200);
        assertThat(lock.body().get("mode").asText()).isEqualTo("LOCKDOWN");
        assertThat(recep.post("/api/sites/alfa/all-clear", "{}").status()).as("all-clear is not reception's").isEqualTo(403);
        String incident = lock.body().get("incident").asText();
        assertThat(recep.post("/api/incidents/" + incident + "/acknowledge", "{}").status()).isEqualTo(403);
        assertThat(recep.post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).as("drills are security's")
                .isEqualTo(403);
        assertThat(ids(recep.get("/api/incidents").body().findParents("site"), "site")).containsOnly("alfa");

        ApiClient security = hub().as("sakerhet");
        Reply ack = security.post("/api/incidents/" + incident + "/acknowledge", "{}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().get("first").asBoolean()).isTrue();
        assertThat(security.post("/api/incidents/" + incident + "/acknowledge", "{}").body().get("first").asBoolean())
                .as("the first acknowledgement counts").isFalse();
        JsonNode row = security.get("/api/incidents?site=alfa").body().get(0);
        assertThat(row.get("acknowledgedBy").asText()).isEqualTo("sakerhet");
        assertThat(row.get("acknowledgedAt").isNull()).isFalse();

        Reply clear = security.post("/api/sites/alfa/all-clear", "{}");
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.body().get("change").asText()).isEqualTo("CLOSED");
        assertThat(hub().get("/api/sites/alfa").get("mode").asText()).isEqualTo("NORMAL");

        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='recep-alfa' AND action='LOCKDOWN' AND target='alfa'"))
                .isEqualTo(1);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='sakerhet' AND action='ACKNOWLEDGE'")).isEqualTo(2);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='sakerhet' AND action='ALL_CLEAR' AND target='alfa' "
                + "AND remote='127.0.0.1'")).isEqualTo(1);
    }

    @Test
    void drillIsMarkedAsADrillAndNotesAreKeptAsTextWithTheirAuthor() {
        ApiClient security = hub().as("sakerhet");
        Reply drill = security.post("/api/sites/beta/lockdown", "{\"drill\":true}");
        assertThat(drill.status()).isEqualTo(200);
        assertThat(hub().get("/api/sites/beta").get("drill").asBoolean()).isTrue();
        String incident = drill.body().get("incident").asText();
        String hostile = "<script>alert('x')</script> & <b>fet</b>";
        assertThat(security.post("/api/incidents/" + incident + "/notes",
                "{\"text\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(hostile) + "}").status()).isEqualTo(200);
        JsonNode notes = security.get("/api/incidents/" + incident + "/notes").body();
        assertThat(notes.get(0).get("text").asText()).isEqualTo(hostile);
        assertThat(notes.get(0).get("author").asText()).isEqualTo("sakerhet");
        assertThat(security.post("/api/incidents/" + incident + "/notes", "{\"text\":\"\"}").status()).isEqualTo(400);
        assertThat(security.post("/api/incidents/" + incident + "/notes", "not json").status()).isEqualTo(400);
        assertThat(security.post("/api/incidents/nope/notes", "{\"text\":\"x\"}").status()).isEqualTo(404);
        JsonNode checklist = security.get("/api/incidents/" + incident + "/checklist").body();
        assertThat(checklist).hasSize(2);
        assertThat(checklist.get(0).get("text").asText()).isEqualTo("Ring 112");
        assertThat(checklist.get(1).get("doneAt").isNull()).isTrue();
        Reply tick = security.post("/api/incidents/" + incident + "/checklist/1", "{}");
        assertThat(tick.status()).isEqualTo(200);
        assertThat(tick.body().get("first").asBoolean()).isTrue();
        assertThat(security.post("/api/incidents/" + incident + "/checklist/1", "{}").body().get("first").asBoolean())
                .as("the first tick counts").isFalse();
        JsonNode ticked = security.get("/api/incidents/" + incident + "/checklist").body().get(1);
        assertThat(ticked.get("doneBy").asText()).isEqualTo("sakerhet");
        assertThat(ticked.get("doneAt").isNull()).isFalse();
        assertThat(security.post("/api/incidents/" + incident + "/checklist/9", "{}").status()).isEqualTo(400);
        assertThat(security.post("/api/incidents/" + incident + "/checklist/x", "{}").status()).isEqualTo(400);
        assertThat(hub().as("recep-alfa").post("/api/incidents/" + incident + "/checklist/0", "{}").status())
                .as("another school's incident is invisible").isEqualTo(404);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE action='CHECKLIST' AND target='" + incident + "'"))
                .isEqualTo(2);
        assertThat(security.get("/api/config").body().get("acknowledgeWithinSeconds").asInt()).isEqualTo(60);
        assertThat(security.post("/api/sites/beta/all-clear", "{}").status()).isEqualTo(200);
        assertThat(hub().count("SELECT count(*) FROM incidents WHERE id='" + incident + "' AND drill=1 AND closed_at IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void everyReplyCarriesTheSecurityHeaders() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : java.util.List.of("/", "/app.js", "/api/session", "/api/sites", "/metrics", "/no-such-page")) {
            var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub().baseUrl() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            var h = reply.headers();
            assertThat(h.firstValue("content-security-policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline"));
            assertThat(h.firstValue("x-content-type-options")).as(path).contains("nosniff");
            assertThat(h.firstValue("referrer-policy")).as(path).contains("no-referrer");
            assertThat(h.firstValue("x-frame-options")).as(path).contains("DENY");
        }
    }

    @Test
    void aForgedPostWithoutTheCsrfTokenChangesNothing() {
        ApiClient security = hub().as("sakerhet");
        String before = hub().get("/api/sites/alfa").toString();
        long acts = hub().count("SELECT count(*) FROM events");
        Reply forged = security.postWithoutCsrf("/api/sites/alfa/all-clear", "{}");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body().get("error").asText()).contains("CSRF");
        assertThat(security.postWithoutCsrf("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(403);
        assertThat(hub().get("/api/sites/alfa").toString()).isEqualTo(before);
        assertThat(hub().count("SELECT count(*) FROM events")).isEqualTo(acts);
    }

    @Test
    void repeatedWrongPasswordsLockTheNameOutEvenForTheRightOne() {
        ApiClient guesser = hub().anonymous();
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.tryLogin("gissad", "wrong-password-" + i).status()).isEqualTo(401);
        }
        assertThat(guesser.tryLogin("gissad", HubProcess.PASSWORD).status()).isEqualTo(429);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='gissad' AND action='LOGIN_FAILED'")).isEqualTo(5);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='gissad' AND action='LOGIN_REFUSED'")).isEqualTo(1);

        // a password typed into the name field is refused and audited, but never stored
        assertThat(hub().anonymous().tryLogin("Sommar2026!hemligt", "x").status()).isEqualTo(401);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor LIKE '%Sommar2026%' OR detail LIKE '%Sommar2026%'"
                + " OR target LIKE '%Sommar2026%'")).isZero();
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='(unknown name)' AND action='LOGIN_FAILED'"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutASessionOnlyHealthAndMetricsAnswer() {
        ApiClient nobody = hub().anonymous();
        assertThat(nobody.get("/api/sites").status()).isEqualTo(401);
        assertThat(nobody.get("/api/incidents").status()).isEqualTo(401);
        assertThat(nobody.get("/health").status()).isEqualTo(200);
        assertThat(hub().metrics()).contains("vaktpost_hub_panels_online");
        assertThat(hub().as("sakerhet").get("/api/incidents?limit=abc").status()).isEqualTo(400);
        assertThat(hub().as("sakerhet").get("/api/audit").status()).as("audit log is admin's").isEqualTo(403);
        assertThat(hub().as(HubProcess.ADMIN).get("/api/audit").status()).isEqualTo(200);
        assertThat(hub().as("sakerhet").get("/api/openapi.yaml").status()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode array) {
        return ids(array, "id");
    }

    private static List<String> ids(Iterable<JsonNode> nodes, String field) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
