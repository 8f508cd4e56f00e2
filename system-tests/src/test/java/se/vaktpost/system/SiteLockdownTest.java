package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.agent.lockdown.PanelLockdown;
import se.vaktpost.hardware.Input;
import se.vaktpost.hardware.Output;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue items 6.1 and 6.2: lockdown reaches its whole site within a second; all-clear ends it; drills look different. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteLockdownTest {
    @TempDir
    static Path dir;
    static MosquittoBroker broker;
    static HubProcess hub;
    static PanelRig panels;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
        hub = new HubProcess(dir, broker, 4).start();
        panels = new PanelRig(dir, broker);
        for (String p : List.of("a1", "a2", "a3", "a4")) {
            panels.add("alfa", p);
        }
        panels.add("beta", "b1");
        panels.add("beta", "b2");
        Await.until(() -> panels.all().stream().allMatch(Panel::connected), Duration.ofSeconds(20), "panels connected");
        Await.until(() -> hub.get("/api/sites/alfa").get("panels").findValues("online").stream()
                .allMatch(n -> n.asBoolean()), Duration.ofSeconds(20), "hub sees alfa panels online");
    }

    @AfterAll
    static void stop() {
        panels.close();
        hub.close();
        broker.close();
    }

    @Test
    @Order(1)
    void heldLockdownOnOnePanelLocksEveryPanelOfItsSiteWithinOneSecondAndNoOther() {
        Panel first = panels.site("alfa").get(0);
        PanelRig.board(first).press(Input.LOCKDOWN_BUTTON);
        long pressed = System.nanoTime();
        PanelRig.sleep(PanelRig.HOLD.toMillis() / 2);
        boolean lockedEarly = panels.all().stream().anyMatch(PanelRig::lockedDown);
        assertThat(lockedEarly).as("nothing locks before the hold time").isFalse();
        Await.until(() -> panels.site("alfa").stream().allMatch(PanelRig::lockedDown),
                Duration.ofSeconds(3), "all alfa panels locked down");
        Duration afterHold = Duration.ofNanos(System.nanoTime() - pressed).minus(PanelRig.HOLD);
        PanelRig.board(first).release(Input.LOCKDOWN_BUTTON);
        assertThat(afterHold).as("from hold complete to every panel locked").isLessThan(Duration.ofSeconds(1));
        assertThat(panels.site("beta")).noneMatch(PanelRig::lockedDown);
        Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()),
                Duration.ofSeconds(5), "hub reports alfa in lockdown");
        assertThat(hub.get("/api/sites/beta").get("mode").asText()).isEqualTo("NORMAL");
        assertThat(hub.count("SELECT count(*) FROM incidents WHERE site='alfa' AND kind='LOCKDOWN' AND closed_at IS NULL"))
                .isEqualTo(1);
        Await.until(() -> hub.metric("vaktpost_hub_lockdown_fanout_seconds_count") == 1.0, Duration.ofSeconds(3),
                "fan-out time recorded once");
        assertThat(hub.metric("vaktpost_hub_panels_online")).isEqualTo(6.0);
        assertThat(hub.metric("vaktpost_hub_events_received_total{type=\"LOCKDOWN\"}")).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void allClearWithTheKeyReturnsEveryPanelToNormalAndClosesTheIncident() {
        Panel other = panels.site("alfa").get(2);
        PanelRig.tap(other, Input.ALL_CLEAR_KEY);
        Await.until(() -> panels.all().stream().noneMatch(PanelRig::lockedDown), Duration.ofSeconds(3),
                "every panel back to normal");
        Await.until(() -> "NORMAL".equals(hub.get("/api/sites/alfa").get("mode").asText()), Duration.ofSeconds(3),
                "hub reports alfa normal");
        var incident = hub.get("/api/incidents?site=alfa").get(0);
        assertThat(incident.get("kind").asText()).isEqualTo("LOCKDOWN");
        assertThat(incident.get("closedAt").isNull()).as("incident closed").isFalse();
        assertThat(hub.count("SELECT count(*) FROM events WHERE site='alfa' AND type='ALL_CLEAR'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void drillStartedFromTheHubIsShownAsADrillOnEveryPanelOfTheSite() {
        var admin = hub.as(HubProcess.ADMIN);
        assertThat(admin.post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).isEqualTo(200);
        Await.until(() -> panels.site("alfa").stream().allMatch(p -> p.indication()
                        instanceof PanelLockdown.Indication.Locked l && l.drill() && p.board().isOn(Output.DOOR_LOCK)),
                Duration.ofSeconds(1), "every alfa panel shows the drill with doors locked");
        // A drill blinks the light and only beeps now and then; a real lockdown would be steady.
        Set<Boolean> light = new HashSet<>();
        int buzzing = 0;
        int samples = 0;
        for (long end = System.nanoTime() + 1_500_000_000L; System.nanoTime() < end; samples++) {
            Panel p = panels.site("alfa").get(1);
            light.add(p.board().isOn(Output.LOCKDOWN_LED));
            buzzing += p.board().isOn(Output.BUZZER) ? 1 : 0;
            PanelRig.sleep(20);
        }
        assertThat(light).as("the drill light blinks").containsExactlyInAnyOrder(true, false);
        assertThat(buzzing).as("the drill buzzer is mostly quiet").isLessThan(samples / 2);
        assertThat(panels.site("beta")).noneMatch(p -> p.board().isOn(Output.DOOR_LOCK));
        assertThat(admin.post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
        Await.until(() -> panels.site("alfa").stream().noneMatch(p -> p.board().isOn(Output.DOOR_LOCK)
                        || p.board().isOn(Output.LOCKDOWN_LED)), Duration.ofSeconds(2), "drill ended on every panel");
    }
}
