package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.8: an agent SIGKILLed shows offline at the hub within 1.5x its keep-alive. */
class PanelOfflineTest {
    private static final int KEEPALIVE_S = 4;
    @TempDir
    Path dir;

    @Test
    void killedAgentIsShownOfflineWithinOneAndAHalfKeepAlivesAndTheDropIsRecorded() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             AgentProcess agent = new AgentProcess(dir, broker, "alfa/a2", KEEPALIVE_S).start()) {
            agent.awaitConnected();
            Await.until(() -> online(hub), Duration.ofSeconds(10), "hub sees a2 online");

            agent.kill();
            Duration took = Await.until(() -> !online(hub), Duration.ofSeconds(KEEPALIVE_S * 3),
                    "hub shows a2 offline");
            assertThat(took).isLessThan(Duration.ofMillis(KEEPALIVE_S * 1500L));
            assertThat(hub.count("SELECT count(*) FROM supervision WHERE panel='a2' AND kind <> 'STATUS_ONLINE'"))
                    .isEqualTo(1);
        }
    }

    private static boolean online(HubProcess hub) {
        for (JsonNode p : hub.get("/api/sites/alfa").get("panels")) {
            if (p.get("id").asText().equals("a2")) {
                return p.get("online").asBoolean();
            }
        }
        throw new AssertionError("a2 missing from the site view");
    }
}
