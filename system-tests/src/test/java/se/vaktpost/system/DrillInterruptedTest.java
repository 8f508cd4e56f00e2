package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #9, item 3: a drill never hides a real alarm, and never starts on top of a real lockdown. */
class DrillInterruptedTest {
    @TempDir
    Path dir;

    private static boolean showsDrill(Panel p) {
        return p.indication() instanceof Indication.Locked l && l.drill();
    }

    private static boolean showsReal(Panel p) {
        return p.indication() instanceof Indication.Locked l && !l.drill() && PanelRig.lockedDown(p);
    }

    private static JsonNode incident(HubProcess hub, String kind, boolean drill) {
        for (JsonNode i : hub.get("/api/incidents?site=alfa")) {
            if (i.get("kind").asText().equals(kind) && i.get("drill").asBoolean() == drill) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " incident with drill=" + drill);
    }

    @Test
    void aRealLockdownDuringADrillTurnsEveryPanelRealWithinASecondAndTheDrillIsRecordedAsInterrupted() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig rig = new PanelRig(dir, broker)) {
            List<Panel> alfa = List.of(rig.add("alfa", "a1"), rig.add("alfa", "a2"), rig.add("alfa", "a3"));
            Await.until(() -> alfa.stream().allMatch(Panel::connected), Duration.ofSeconds(20), "connected");
            ApiClient admin = hub.as(HubProcess.ADMIN);
            assertThat(admin.post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).isEqualTo(200);
            Await.until(() -> alfa.stream().allMatch(DrillInterruptedTest::showsDrill), Duration.ofSeconds(2), "drill shown");

            PanelRig.board(alfa.get(1)).press(Input.LOCKDOWN_BUTTON);
            long pressed = System.nanoTime();
            Await.until(() -> alfa.stream().allMatch(DrillInterruptedTest::showsReal), Duration.ofSeconds(3),
                    "every panel shows a real lockdown");
            Duration afterHold = Duration.ofNanos(System.nanoTime() - pressed).minus(PanelRig.HOLD);
            PanelRig.board(alfa.get(1)).release(Input.LOCKDOWN_BUTTON);
            assertThat(afterHold).as("from the hold to every panel real").isLessThan(Duration.ofSeconds(1));

            Await.until(() -> !hub.get("/api/sites/alfa").get("drill").asBoolean(), Duration.ofSeconds(2),
                    "the live view says real");
            JsonNode site = hub.get("/api/sites/alfa");
            assertThat(site.get("mode").asText()).isEqualTo("LOCKDOWN");
            JsonNode real = incident(hub, "LOCKDOWN", false);
            assertThat(site.get("incident").asText()).isEqualTo(real.get("id").asText());
            assertThat(real.get("closedAt").isNull()).isTrue();
            JsonNode drill = incident(hub, "LOCKDOWN", true);
            assertThat(drill.get("interruptedAt").isNull()).as("the drill is recorded as interrupted").isFalse();
            assertThat(drill.get("interruptedBy").asText()).isEqualTo(real.get("id").asText());

            ApiClient.Reply refused = admin.post("/api/sites/alfa/lockdown", "{\"drill\":true}");
            assertThat(refused.status()).as("no drill on top of a real lockdown").isEqualTo(409);
            assertThat(hub.get("/api/sites/alfa").get("drill").asBoolean()).isFalse();
        }
    }

    @Test
    void aSilentAlarmDuringADrillOpensARealIncidentAndMakesTheLockdownRealOnEveryPanel() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             PanelRig rig = new PanelRig(dir, broker)) {
            List<Panel> alfa = List.of(rig.add("alfa", "a1"), rig.add("alfa", "a2"));
            Await.until(() -> alfa.stream().allMatch(Panel::connected), Duration.ofSeconds(20), "connected");
            assertThat(hub.as(HubProcess.ADMIN).post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).isEqualTo(200);
            Await.until(() -> alfa.stream().allMatch(DrillInterruptedTest::showsDrill), Duration.ofSeconds(2), "drill shown");

            PanelRig.tap(alfa.get(0), Input.ALARM_BUTTON);
            Await.until(() -> alfa.stream().allMatch(DrillInterruptedTest::showsReal), Duration.ofSeconds(1),
                    "every panel shows it real");
            Await.until(() -> !hub.get("/api/sites/alfa").get("drill").asBoolean(), Duration.ofSeconds(2), "hub real");
            JsonNode alarm = incident(hub, "ALARM", false);
            assertThat(hub.get("/api/sites/alfa").get("incident").asText()).isEqualTo(alarm.get("id").asText());
            assertThat(incident(hub, "LOCKDOWN", true).get("interruptedBy").asText()).isEqualTo(alarm.get("id").asText());
        }
    }
}
