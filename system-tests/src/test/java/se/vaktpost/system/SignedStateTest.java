package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.lockdown.PanelLockdown;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.MqttTestClient;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #10, part 2: panels take only what the hub signed. An intruder is given write access to
 * every topic on purpose (a leaked password, a broker misconfigured): its NORMAL states, a replay
 * of the hub's own older NORMAL, and its acks change nothing; a panel rebooted during a lockdown
 * comes back locked with the retained state gone.
 */
class SignedStateTest {
    private static final MqttIdentity A1 = MqttIdentity.panel("alfa", "a1");
    private static final MqttIdentity A2 = MqttIdentity.panel("alfa", "a2");
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void forgedAndReplayedStatesNeverUnlockAndForgedAcksNeverEmptyTheOutbox() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, A2), List.of(),
                     List.of("topic readwrite vaktpost/v1/sites/#"));
             HubProcess hub = new HubProcess(dir, broker, 2).withMqttCredentials(broker.credentials(MqttIdentity.HUB)).start();
             PanelRig rig = new PanelRig(dir, broker);
             MqttTestClient intruder = MqttTestClient.as(broker.identities().intruder(), "intruder")
                     .subscribe(Topics.state("alfa")).subscribe(Topics.ALL_EVENTS)) {
            Panel a1 = rig.add("alfa", "a1");
            Panel a2 = rig.add("alfa", "a2");
            Await.until(() -> a1.connected() && a2.connected(), SOON, "both panels connected");
            Await.until(() -> !intruder.received().isEmpty(), SOON, "the hub's retained NORMAL");
            String genuineOldNormal = intruder.received().get(0).payload();
            assertThat(JSON.readTree(genuineOldNormal).get("sig").asText()).as("the hub signs its states").isNotEmpty();

            PanelRig.holdLockdown(a1);
            Await.until(() -> a2.indication() instanceof PanelLockdown.Indication.Locked l && l.confirmedByHub(), SOON,
                    "the hub's signed LOCKDOWN at a2");
            long version = hub.get("/api/sites/alfa").get("version").asLong();

            intruder.publish(Topics.state("alfa"), normal(version + 1000, null), true);
            intruder.publish(Topics.state("alfa"), genuineOldNormal, true);
            intruder.publish(Topics.state("alfa"), normal(version + 2000, "c2lnbmVkIGJ5IG5vYm9keQ=="), true);
            // messages reach a panel in order: once the last forgery is refused, the replay was seen too
            Await.until(() -> a2.refusedUnsigned() >= 2 && a1.refusedUnsigned() >= 2, SOON, "both forgeries refused");
            assertThat(PanelRig.lockedDown(a1)).isTrue();
            assertThat(PanelRig.lockedDown(a2)).as("neither a forged nor a replayed NORMAL unlocks the doors").isTrue();

            // a forged ack for an event the hub has not recorded (the hub is down)
            hub.kill();
            PanelRig.tap(a2, Input.ALARM_BUTTON);
            Await.until(() -> intruder.received().stream().anyMatch(r -> r.topic().equals(Topics.events("alfa", "a2"))), SOON,
                    "a2's alarm at the broker");
            JsonNode alarm = JSON.readTree(intruder.received().stream()
                    .filter(r -> r.topic().equals(Topics.events("alfa", "a2"))).reduce((x, y) -> y).orElseThrow().payload());
            long refusedBefore = a2.refusedUnsigned();
            intruder.publish(Topics.ack("alfa", "a2"), "{\"id\":\"" + alarm.get("id").asText() + "\",\"incident\":null,\"version\":"
                    + version + "}", false);
            Await.until(() -> a2.refusedUnsigned() > refusedBefore, SOON, "the forged ack refused");
            assertThat(a2.unconfirmedEvents()).as("the alarm stays in the outbox until the hub acks it").isEqualTo(1);

            hub.start();
            Await.until(() -> a2.unconfirmedEvents() == 0, Duration.ofSeconds(30), "the hub's signed ack empties the outbox");
            assertThat(hub.count("SELECT count(*) FROM events WHERE type = 'ALARM'")).isEqualTo(1);
        }
    }

    @Test
    void aPanelRebootedDuringALockdownComesBackLockedWithTheRetainedStateGone() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, A2), List.of(),
                     List.of("topic readwrite vaktpost/v1/sites/#"));
             HubProcess hub = new HubProcess(dir, broker, 2).withMqttCredentials(broker.credentials(MqttIdentity.HUB)).start();
             PanelRig presser = new PanelRig(dir.resolve("a1"), broker);
             MqttTestClient intruder = MqttTestClient.as(broker.identities().intruder(), "intruder")) {
            Panel a1 = presser.add("alfa", "a1");
            try (PanelRig before = new PanelRig(dir.resolve("a2"), broker)) {
                Panel a2 = before.add("alfa", "a2");
                Await.until(() -> a1.connected() && a2.connected(), SOON, "both panels connected");
                PanelRig.holdLockdown(a1);
                Await.until(() -> a2.indication() instanceof PanelLockdown.Indication.Locked l && l.confirmedByHub(), SOON,
                        "the hub's signed LOCKDOWN at a2");
            }
            hub.kill(); // nobody repairs the retained state while a2 is away
            intruder.publish(Topics.state("alfa"), "", true); // the retained state is gone

            try (PanelRig after = new PanelRig(dir.resolve("a2"), broker)) {
                Panel a2 = after.add("alfa", "a2");
                assertThat(PanelRig.lockedDown(a2)).as("locked from its own record at start").isTrue();
                Await.until(a2::connected, SOON, "a2 connected again");
                assertThat(PanelRig.lockedDown(a2)).as("and still locked with no retained state at the broker").isTrue();
            }
        }
    }

    private static String normal(long version, String sig) {
        return "{\"mode\":\"NORMAL\",\"incident\":null,\"since\":\"2026-12-01T10:00:00Z\",\"drill\":false,\"version\":" + version
                + (sig == null ? "" : ",\"sig\":\"" + sig + "\"") + "}";
    }
}
