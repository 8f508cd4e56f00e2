package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #3: the hub itself escalates an alarm nobody acknowledged in time; an acknowledged one is left alone. */
class EscalationTest {
    @TempDir
    Path dir;

    @Test
    void anUnacknowledgedLockdownIsEscalatedOnceByTheHubAndAnAcknowledgedOneIsNot() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).acknowledgeWithin(5).start()) {
            ApiClient admin = hub.as(HubProcess.ADMIN);
            String ignored = admin.post("/api/sites/alfa/lockdown", "{}").body().get("incident").asText();
            String handled = admin.post("/api/sites/beta/lockdown", "{}").body().get("incident").asText();
            assertThat(admin.post("/api/incidents/" + handled + "/acknowledge", "{}").status()).isEqualTo(200);

            Await.until(() -> !incident(admin, ignored).get("escalatedAt").isNull(), Duration.ofSeconds(10),
                    "the ignored lockdown escalated");
            PanelRig.sleep(2_000);
            assertThat(incident(admin, handled).get("escalatedAt").isNull()).isTrue();
            assertThat(hub.metric("vaktpost_hub_incidents_escalated_total")).isEqualTo(1.0);
            assertThat(hub.process().lines()).filteredOn(l -> l.contains("escalated")).hasSize(1);
        }
    }

    private static JsonNode incident(ApiClient c, String id) {
        for (JsonNode i : c.get("/api/incidents").body()) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no incident " + id);
    }
}
