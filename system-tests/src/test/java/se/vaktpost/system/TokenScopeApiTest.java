package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.hub.accounts.TokenScope;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.SharedHub;

/** Issue #10, part 3: API tokens end, and reach only the alarm path their scope names; never personal data. */
class TokenScopeApiTest {
    @RegisterExtension
    static final SharedHub SHARED = SharedHub.withAlfaPanels(1).withUser("recep-alfa", Role.RECEPTION, "alfa");

    private static HubProcess hub() {
        return SHARED.hub();
    }

    private static ApiClient token(String owner, String scope) {
        Reply made = hub().as(HubProcess.ADMIN).post("/api/tokens",
                "{\"username\":\"" + owner + "\",\"name\":\"larmcentral\",\"scope\":\"" + scope + "\",\"days\":30}");
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        assertThat(Instant.parse(made.body().get("expiresAt").asText())).isAfter(Instant.now().plusSeconds(29L * 86400));
        return hub().withToken(made.body().get("token").asText());
    }

    /** A token stored straight into the database, as an older hub (or a day long past) left it. */
    private static ApiClient stored(String scope, Instant expires) {
        String token = Secrets.newToken();
        try (AccountStore accounts = new AccountStore(hub().db())) {
            accounts.addToken(new AccountStore.NewToken("gammal", HubProcess.ADMIN,
                    scope == null ? TokenScope.parse("view:*") : TokenScope.parse(scope), expires), token, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hub().withToken(token);
    }

    @Test
    void anAlarmCentresTokenLocksItsSchoolOnlyAndDoesNothingElseEvenForAnAdmin() {
        ApiClient centre = token(HubProcess.ADMIN, "view:alfa lockdown:alfa");
        assertThat(centre.get("/api/sites").body()).extracting(n -> n.get("id").asText()).containsExactly("alfa");
        assertThat(centre.get("/api/sites/beta").status()).isEqualTo(404);
        assertThat(centre.post("/api/sites/beta/lockdown", "{}").status()).isEqualTo(404);
        assertThat(centre.post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).as("no drill granted")
                .isEqualTo(403);
        assertThat(centre.post("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(200);
        assertThat(centre.post("/api/sites/alfa/all-clear", "{}").status()).as("no all-clear granted").isEqualTo(403);
        assertThat(hub().get("/api/sites/alfa").get("mode").asText()).isEqualTo("LOCKDOWN");
        for (String path : new String[] {"/api/users", "/api/tokens", "/api/audit", "/api/log", "/api/log.csv",
                "/api/reports/yearly?year=2026", "/api/action-plan", "/api/incidents/x/notes"}) {
            Reply r = centre.get(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.body().get("error").asText()).as(path).contains("alarm path only");
        }
        assertThat(centre.post("/api/log", "{}").status()).isEqualTo(403);
        ApiClient admin = hub().as(HubProcess.ADMIN);
        assertThat(admin.post("/api/sites/beta/lockdown", "{}").status()).isEqualTo(200);
        assertThat(centre.get("/api/incidents").body()).as("another school's alarms stay out of sight")
                .isNotEmpty().allMatch(i -> i.get("site").asText().equals("alfa"));
        assertThat(centre.get("/api/events").body()).isNotEmpty().allMatch(e -> e.get("site").asText().equals("alfa"));
        assertThat(admin.post("/api/sites/beta/all-clear", "{}").status()).isEqualTo(200);
        assertThat(admin.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
    }

    @Test
    void aScopedTokenNeverReachesPersonalDataNorTheNamesOfStaff() {
        ApiClient recep = hub().as("recep-alfa");
        Reply logged = recep.post("/api/log", "{\"site\":\"alfa\",\"category\":\"threat_violence\",\"severity\":3,"
                + "\"at\":\"2026-11-30T09:00:00Z\",\"description\":\"Hot i korridoren\",\"themes\":[]}");
        assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
        String id = logged.body().get("id").asText();
        assertThat(recep.post("/api/log/" + id + "/people", "{\"name\":\"Kalle Elevsson\",\"part\":\"elev\"}")
                .status()).isEqualTo(200);

        ApiClient everything = token(HubProcess.ADMIN, "view:* lockdown:* drill:* all-clear:* acknowledge:*");
        assertThat(everything.get("/api/log/" + id + "/people").status()).isEqualTo(403);
        assertThat(everything.get("/api/log/" + id).status()).isEqualTo(403);
        Reply lock = hub().as(HubProcess.ADMIN).post("/api/sites/beta/lockdown", "{}");
        String incident = lock.body().get("incident").asText();
        assertThat(hub().as(HubProcess.ADMIN).post("/api/incidents/" + incident + "/acknowledge", "{}").status())
                .isEqualTo(200);
        String incidents = everything.get("/api/incidents?site=beta").body().toString();
        assertThat(incidents).contains(incident).contains("acknowledgedAt").doesNotContain("\"admin\"");
        assertThat(everything.post("/api/sites/beta/all-clear", "{}").status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenOrOneMadeBeforeScopesIsRefusedSayingWhatToDo() throws Exception {
        Reply expired = stored("view:*", Instant.now().minusSeconds(1)).get("/api/sites");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body().get("error").asText()).contains("expired").contains("make");
        ApiClient unscoped = stored("view:*", Instant.now().plusSeconds(3600));
        assertThat(unscoped.get("/api/sites").status()).isEqualTo(200);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + hub().db().toAbsolutePath())) {
            c.createStatement().executeUpdate("UPDATE api_tokens SET scope = NULL, expires_at = NULL WHERE name = 'gammal'");
        }
        Reply old = unscoped.get("/api/sites");
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.body().get("error").asText()).contains("before tokens had a scope");
    }

    @Test
    void aTokenIsMadeOnlyWithAValidScopeAndLifetime() {
        ApiClient admin = hub().as(HubProcess.ADMIN);
        String base = "{\"username\":\"recep-alfa\",\"name\":\"x\"";
        assertThat(admin.post("/api/tokens", base + "}").status()).as("no scope").isEqualTo(400);
        Reply unknownRight = admin.post("/api/tokens", base + ",\"scope\":\"personal-data:alfa\"}");
        assertThat(unknownRight.status()).isEqualTo(400);
        assertThat(unknownRight.body().get("error").asText()).contains("unknown right");
        assertThat(admin.post("/api/tokens", base + ",\"scope\":\"view:gamma\"}").status()).isEqualTo(400);
        assertThat(admin.post("/api/tokens", base + ",\"scope\":\"view:alfa\",\"days\":400}").status()).isEqualTo(400);
        assertThat(admin.get("/api/tokens").body().toString()).doesNotContain("\"name\":\"x\"");
    }
}
