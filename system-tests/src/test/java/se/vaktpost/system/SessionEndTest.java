package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #10, part 3: a password change or disabling ends the user's sessions and live streams at once. */
class SessionEndTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordChangeAndDisablingEndSessionsAndLiveStreams() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("vakt", Role.SECURITY, null).start()) {
            ApiClient vakt = hub.as("vakt");
            ApiClient.LiveStream live = vakt.live();
            Await.until(() -> live.events().contains("hello"), Duration.ofSeconds(10), "the live stream open");
            assertThat(vakt.get("/api/sites").status()).isEqualTo(200);

            ApiClient admin = hub.as(HubProcess.ADMIN);
            assertThat(admin.post("/api/users/vakt/password", "{\"password\":\"another-password-456\"}").status()).isEqualTo(200);
            Await.until(live::ended, Duration.ofSeconds(10), "the live stream ended by the hub");
            assertThat(live.events()).contains("signed-out");
            ApiClient.Reply after = vakt.get("/api/sites");
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.body().get("error").asText()).contains("password was changed");

            ApiClient again = hub.anonymous().login("vakt", "another-password-456");
            ApiClient.LiveStream second = again.live();
            Await.until(() -> second.events().contains("hello"), Duration.ofSeconds(10), "a new stream");
            assertThat(admin.post("/api/users/vakt/disabled", "{\"disabled\":true}").status()).isEqualTo(200);
            Await.until(second::ended, Duration.ofSeconds(10), "the stream of a disabled user ended");
            assertThat(again.get("/api/sites").status()).isEqualTo(401);
        }
    }
}
