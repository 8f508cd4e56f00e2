package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.SharedHub;

/** Issue #3: administrators manage users and API tokens over the API; tokens act with their user's rights. */
class AdminApiTest {
    @RegisterExtension
    static final SharedHub SHARED = SharedHub.withAlfaPanels(1)
            .withUser("recep-alfa", Role.RECEPTION, "alfa")
            .withUser("sakerhet", Role.SECURITY, null);

    private static HubProcess hub() {
        return SHARED.hub();
    }

    @Test
    void adminAddsAUserWhoCanSignInAndIsShutOutOnceDisabled() {
        ApiClient admin = hub().as(HubProcess.ADMIN);
        String body = "{\"username\":\"ny-recep\",\"role\":\"reception\",\"site\":\"alfa\",\"password\":\"ett-langt-losen\"}";
        assertThat(hub().as("sakerhet").post("/api/users", body).status()).as("only admins add users").isEqualTo(403);
        Reply added = admin.post("/api/users", body);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().get("role").asText()).isEqualTo("RECEPTION");
        assertThat(admin.post("/api/users", body).status()).as("same name twice").isEqualTo(409);
        assertThat(admin.post("/api/users", body.replace("ny-recep", "kort").replace("ett-langt-losen", "kort"))
                .status()).as("too short a password").isEqualTo(400);
        assertThat(admin.post("/api/users", body.replace("ny-recep", "x2").replace("alfa", "gamma")).status())
                .as("unknown site").isEqualTo(400);
        assertThat(admin.post("/api/users", body.replace("ny-recep", "x3").replace("reception", "janitor")).status())
                .as("unknown role").isEqualTo(400);

        ApiClient fresh = hub().anonymous().login("ny-recep", "ett-langt-losen");
        assertThat(fresh.get("/api/sites").body()).extracting(n -> n.get("id").asText()).containsExactly("alfa");

        assertThat(admin.post("/api/users/ny-recep/disabled", "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(fresh.get("/api/sites").status()).as("a disabled user is stopped at once").isEqualTo(401);
        assertThat(admin.post("/api/users/admin/disabled", "{\"disabled\":true}").status())
                .as("an admin cannot lock themselves out").isEqualTo(400);
        assertThat(admin.post("/api/users/ingen/disabled", "{\"disabled\":true}").status()).isEqualTo(404);

        JsonNode users = admin.get("/api/users").body();
        assertThat(users.toString()).doesNotContain("password").doesNotContain("argon2");
        assertThat(users.findParents("username").stream().filter(u -> u.get("username").asText().equals("ny-recep"))
                .findFirst().orElseThrow().get("disabled").asBoolean()).isTrue();
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='admin' AND action='USER_ADD' AND target='ny-recep'"))
                .isEqualTo(1);
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='admin' AND action='USER_DISABLE'"))
                .isEqualTo(1);
    }

    @Test
    void anApiTokenActsWithinItsUsersRightsWithoutCookiesOrCsrfUntilRevoked() {
        ApiClient admin = hub().as(HubProcess.ADMIN);
        Reply made = admin.post("/api/tokens",
                "{\"username\":\"recep-alfa\",\"name\":\"larmcentral\",\"scope\":\"view:* lockdown:*\"}");
        assertThat(made.status()).isEqualTo(200);
        String token = made.body().get("token").asText();
        long id = made.body().get("id").asLong();
        assertThat(token).startsWith("vp_");

        ApiClient system = hub().withToken(token);
        assertThat(system.get("/api/sites").body()).extracting(n -> n.get("id").asText()).containsExactly("alfa");
        assertThat(system.post("/api/sites/beta/lockdown", "{}").status()).as("another school").isEqualTo(404);
        Reply lock = system.post("/api/sites/alfa/lockdown", "{}");
        assertThat(lock.status()).as("a token needs no CSRF header").isEqualTo(200);
        assertThat(system.lastSetCookies()).as("no session is made for a token").isEmpty();
        assertThat(hub().count("SELECT count(*) FROM audit_log WHERE actor='recep-alfa' AND action='LOCKDOWN' "
                + "AND remote LIKE '%token ''larmcentral''%'")).isEqualTo(1);

        JsonNode listed = admin.get("/api/tokens").body();
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();
        assertThat(hub().count("SELECT count(*) FROM api_tokens WHERE token_hash = '" + token + "'"))
                .as("only a digest is stored").isZero();
        assertThat(hub().withToken("vp_not-a-token").get("/api/sites").status()).isEqualTo(401);
        assertThat(hub().as("sakerhet").get("/api/tokens").status()).isEqualTo(403);

        assertThat(admin.delete("/api/tokens/" + id).status()).isEqualTo(200);
        assertThat(system.get("/api/sites").status()).as("revoked at once").isEqualTo(401);
        assertThat(admin.delete("/api/tokens/" + id).status()).isEqualTo(404);
        assertThat(admin.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
    }
}
