package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #9, item 2: a panel that restarted between its press and the press's delivery cannot tell
 * when it pressed; the school locks (fail safe) and the incident is marked for the security unit.
 */
class RestartedAgentTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    @TempDir
    Path dir;

    @Test
    void aPressThatOutlivedItsAgentLocksTheSchoolAndIsMarkedForTheSecurityUnit() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             PanelRig rig = new PanelRig(dir, broker);
             AgentProcess agent = new AgentProcess(dir, broker, "alfa/a1", 3).start()) {
            Panel watcher = rig.add("alfa", "a2");
            agent.awaitConnected();
            Await.until(watcher::connected, Duration.ofSeconds(20), "watcher connected");

            broker.kill();
            agent.type("inrymning a1");
            agent.process().awaitLine("alfa/a1: stored event", SOON);
            agent.process().awaitLine("alfa/a1: LOCKDOWN ON [local]", SOON);
            agent.kill();
            broker.restart();

            // Meanwhile the school was locked and cleared at the hub: the panel never saw that all-clear.
            ApiClient admin = hub.as(HubProcess.ADMIN);
            Await.until(() -> admin.post("/api/sites/alfa/lockdown", "{}").status() == 200, SOON, "lockdown at the hub");
            assertThat(admin.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
            Await.until(() -> !PanelRig.lockedDown(watcher), SOON, "the school cleared");

            agent.start();
            agent.process().awaitLine("alfa/a1: LOCKDOWN ON [local]", SOON);
            Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()), SOON,
                    "the press with no known age locks the school");
            Await.until(() -> PanelRig.lockedDown(watcher), SOON, "every panel with it");
            JsonNode incident = hub.get("/api/incidents?site=alfa").get(0);
            assertThat(incident.get("orderUncertain").asBoolean()).as("marked for the security unit").isTrue();
            assertThat(hub.count("SELECT count(*) FROM events WHERE ordering = 'UNKNOWN' AND panel = 'a1'")).isEqualTo(1);
            assertThat(hub.metric("vaktpost_hub_events_order_unknown_total")).isEqualTo(1.0);
        }
    }
}
