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

/** A real agent says in its status which build it runs, how long it has run and what waits in its outbox. */
class PanelHealthTest {
    @TempDir
    Path dir;

    @Test
    void theLiveViewAndTheMetricsShowEachPanelsBuildUptimeAndOutbox() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             AgentProcess agent = new AgentProcess(dir, broker, "alfa/a1", 2).start()) {
            agent.awaitConnected();
            Await.until(() -> panel(hub, "a1").hasNonNull("version"), Duration.ofSeconds(20), "the agent's health at the hub");
            JsonNode a1 = panel(hub, "a1");
            assertThat(a1.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.* \\(commit [0-9a-f]{10}.*\\)");
            assertThat(a1.get("uptimeS").asLong()).isBetween(0L, 600L);
            assertThat(a1.get("outbox").asInt()).isZero();
            assertThat(a1.get("clockSynced").isNull()).as("a simulated panel cannot tell").isTrue();
            assertThat(panel(hub, "a2").get("version").isNull()).as("a panel never heard of").isTrue();
            assertThat(hub.metric("vaktpost_hub_panel_outbox_depth{panel=\"a1\",site=\"alfa\"}")).isZero();
            long first = a1.get("uptimeS").asLong();
            Await.until(() -> panel(hub, "a1").get("uptimeS").asLong() > first, Duration.ofSeconds(20),
                    "the next heartbeat's uptime");
        }
    }

    private static JsonNode panel(HubProcess hub, String id) {
        for (JsonNode p : hub.get("/api/sites/alfa").get("panels")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no panel " + id);
    }
}
