package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #9, item 2: real agents whose wall clocks are two hours slow, two hours fast and back in
 * 1970 (libfaketime) each lock their school and end the lockdown with their key, in any order.
 */
class ClockShiftTest {
    private static final Duration SOON = Duration.ofSeconds(5);
    @TempDir
    Path dir;

    @Test
    void agentsTwoHoursSlowTwoHoursFastAndIn1970EachLockTheirSchoolAndEndItWithTheirKey() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 4).start();
             PanelRig rig = new PanelRig(dir, broker);
             AgentProcess slow = new AgentProcess(dir, broker, "alfa/a1", 3).withClock("-2h").start();
             AgentProcess fast = new AgentProcess(dir, broker, "alfa/a2", 3).withClock("+2h").start();
             AgentProcess boot1970 = new AgentProcess(dir, broker, "alfa/a3", 3)
                     .withClock("@1970-01-01 00:00:05").start()) {
            Panel watcher = rig.add("alfa", "a4");
            for (AgentProcess a : List.of(slow, fast, boot1970)) {
                a.awaitConnected();
            }
            Await.until(watcher::connected, Duration.ofSeconds(20), "the watching panel connected");
            Instant started = Instant.now();

            // The slow one after a normal start; again right after the fast one's all-clear, which
            // used to make every press ignored for two hours.
            for (AgentProcess agent : List.of(slow, fast, boot1970, slow, fast)) {
                lockAndClear(agent, hub, watcher);
            }

            assertThat(hub.count("SELECT count(*) FROM incidents WHERE kind = 'LOCKDOWN' AND closed_at IS NOT NULL"))
                    .isEqualTo(5);
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE opened_at < '" + started + "'"))
                    .as("every incident in the hub's time").isZero();
            assertThat(hub.count("SELECT count(*) FROM events WHERE verdict <> 'ACTED'")).isZero();
            // The clocks really were off: each panel's `at` is kept as reported.
            assertThat(hub.count("SELECT count(*) FROM events WHERE panel = 'a1' AND at < '"
                    + started.minus(Duration.ofMinutes(100)) + "'")).isEqualTo(4);
            assertThat(hub.count("SELECT count(*) FROM events WHERE panel = 'a2' AND at > '"
                    + started.plus(Duration.ofMinutes(100)) + "'")).isEqualTo(4);
            assertThat(hub.count("SELECT count(*) FROM events WHERE panel = 'a3' AND at < '1971'")).isEqualTo(2);
            JsonNode panels = hub.get("/api/sites/alfa").get("panels");
            assertThat(panels.findValues("clockSkewed")).extracting(JsonNode::asBoolean)
                    .as("a1..a3 shown with a wrong clock, a4 not").containsExactly(true, true, true, false);
            assertThat(hub.metric("vaktpost_hub_events_from_skewed_clocks_total")).isEqualTo(10.0);
        }
    }

    private static void lockAndClear(AgentProcess agent, HubProcess hub, Panel watcher) {
        String name = agent.panel();
        int mark = agent.process().lines().size();
        agent.type("inrymning " + name);
        agent.process().awaitLineAfter(mark, name + ": LOCKDOWN ON", SOON);
        Await.until(() -> PanelRig.lockedDown(watcher), SOON, name + "'s press locks the rest of the school");
        Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()), SOON,
                "the hub locks the school on " + name + "'s press");
        agent.process().awaitLineAfter(mark, name + ": LOCKDOWN ON [hub]", SOON);
        int cleared = agent.process().lines().size();
        agent.type("återgång " + name);
        Await.until(() -> "NORMAL".equals(hub.get("/api/sites/alfa").get("mode").asText()), SOON,
                name + "'s key ends the lockdown at the hub");
        Await.until(() -> !PanelRig.lockedDown(watcher), SOON, "the rest of the school unlocked");
        agent.process().awaitLineAfter(cleared, name + ": LOCKDOWN OFF", SOON);
    }
}
