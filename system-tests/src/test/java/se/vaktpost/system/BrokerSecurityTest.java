package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.MqttTestClient;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #10, part 1: a real Mosquitto configured as the product configures it (TLS-only listener,
 * {@code allow_anonymous false}, user name = client id, the generated password file and ACL). Who
 * is let in, and what each identity can do once in.
 */
class BrokerSecurityTest {
    private static final MqttIdentity A1 = MqttIdentity.panel("alfa", "a1");
    private static final MqttIdentity A2 = MqttIdentity.panel("alfa", "a2");
    private static final MqttIdentity B1 = MqttIdentity.panel("beta", "b1");

    @Test
    void strangersWrongPasswordsForeignCasPlainTcpAndRevokedPanelsAreRefused() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, A2, B1), List.of())) {
            BrokerConnection a1 = connection(broker.credentials(A1));
            assertThat(MqttTestClient.refusal(a1, "ok")).as("the panel itself").isEmpty();

            assertThat(MqttTestClient.refusal(a1.withoutIdentity(), "stranger")).contains("refused");
            assertThat(MqttTestClient.refusal(connection(broker.identities().unknownClient(A1.username())), "x"))
                    .as("the panel's name with another password").contains("refused");
            assertThat(MqttTestClient.refusal(connection(broker.identities().unknownClient("panel.alfa.a9")), "x"))
                    .as("a name the broker never issued").contains("refused");
            assertThat(MqttTestClient.refusal(connection(broker.identities().withForeignCa(A1)), "x"))
                    .as("a client that trusts another CA does not send its password to this broker")
                    .hasValueSatisfying(r -> assertThat(r).startsWith("failed"));
            assertThat(MqttTestClient.refusal(BrokerConnection.anonymous(broker.url().replace("ssl://", "tcp://")), "x"))
                    .as("plain TCP on the TLS port").hasValueSatisfying(r -> assertThat(r).startsWith("failed"));

            BrokerConnection a2 = connection(broker.credentials(A2));
            assertThat(MqttTestClient.refusal(a2, "before")).isEmpty();
            broker.revoke(A2);
            Await.until(() -> MqttTestClient.refusal(a2, "after").isPresent(), Duration.ofSeconds(10),
                    "the broker to refuse a2 after its revocation and reload");
            assertThat(MqttTestClient.refusal(a2, "after")).contains("refused");
        }
    }

    @Test
    void aPanelPublishesOnlyItsOwnEventsAndStatusAndReadsOnlyItsOwnSite() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, A2, B1), List.of());
             MqttTestClient hub = MqttTestClient.as(broker.credentials(MqttIdentity.HUB), "hub")
                     .subscribe(Topics.ALL_EVENTS).subscribe(Topics.ALL_STATES);
             MqttTestClient a2 = MqttTestClient.as(broker.credentials(A2), "a2")
                     .subscribe(Topics.ack("alfa", "a2")).subscribe(Topics.state("alfa"));
             MqttTestClient a1 = MqttTestClient.as(broker.credentials(A1), "a1")
                     .subscribe(Topics.ALL_EVENTS).subscribe(Topics.state("beta"))) {
            a1.publish(Topics.events("alfa", "a2"), "{\"forged\":\"as a2\"}", false);
            a1.publish(Topics.events("beta", "b1"), "{\"forged\":\"as b1\"}", false);
            a1.publish(Topics.state("alfa"), "{\"mode\":\"NORMAL\",\"forged\":true}", true);
            a1.publish(Topics.ack("alfa", "a2"), "{\"forged\":\"ack\"}", false);
            a1.publish(Topics.events("alfa", "a1"), "{\"own\":true}", false);
            try (MqttTestClient b1 = MqttTestClient.as(broker.credentials(B1), "b1")) {
                b1.publish(Topics.events("beta", "b1"), "{\"b1\":true}", false);
            }

            Await.until(() -> hub.received().size() >= 2, Duration.ofSeconds(10), "the hub to get a1's and b1's own events");
            assertThat(hub.received()).extracting(MqttTestClient.Received::topic)
                    .containsExactlyInAnyOrder(Topics.events("alfa", "a1"), Topics.events("beta", "b1"));
            assertThat(hub.received()).noneMatch(r -> r.payload().contains("forged"));
            // a1 asked for every school's events and another school's state: it gets only its own site's events
            Await.until(() -> a1.received().size() >= 1, Duration.ofSeconds(10), "a1 to get its own event back");
            assertThat(a1.received()).extracting(MqttTestClient.Received::topic).containsExactly(Topics.events("alfa", "a1"));
            assertThat(a2.received()).as("no forged ack, no forged state").isEmpty();
        }
    }

    @Test
    void nobodyTakesOverTheHubsSessionByChoosingItsClientId() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1), List.of());
             MqttTestClient hub = MqttTestClient.as(broker.credentials(MqttIdentity.HUB), "hub").subscribe(Topics.ALL_STATES);
             MqttTestClient impostor = MqttTestClient.as(broker.credentials(A1), "hub")) {
            assertThat(impostor.connected()).isTrue();
            // the broker made the impostor's client id its user name, so the hub's session stands: a round
            // trip through the broker after the impostor's connect still reaches the hub
            hub.publish(Topics.state("alfa"), "{\"mode\":\"NORMAL\"}", true);
            Await.until(() -> hub.received().size() == 1, Duration.ofSeconds(10), "the hub's own state back");
            assertThat(hub.connected()).isTrue();
        }
    }

    @Test
    void hubAndPanelsWorkOverTlsEachAsItself(@TempDir Path dir) {
        MqttIdentity a3 = MqttIdentity.panel("alfa", "a3");
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, A2, a3, B1), List.of());
             HubProcess hub = new HubProcess(dir, broker, 3).withMqttCredentials(broker.credentials(MqttIdentity.HUB)).start();
             PanelRig rig = new PanelRig(dir, broker);
             AgentProcess agent = new AgentProcess(dir, broker, "alfa/a1", 3).withCredentials(broker.credentials(A1)).start()) {
            assertThat(hub.process().lines()).anyMatch(l -> l.contains("refuses anonymous clients"));
            Panel watcher = rig.add("alfa", "a2");
            agent.awaitConnected();
            Await.until(watcher::connected, Duration.ofSeconds(20), "the watching panel connected");

            int mark = agent.process().lines().size();
            agent.type("inrymning alfa/a1");
            Await.until(() -> PanelRig.lockedDown(watcher), Duration.ofSeconds(5), "a1's press locks a2");
            Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()), Duration.ofSeconds(5),
                    "the hub locks the school");
            agent.process().awaitLineAfter(mark, "alfa/a1: LOCKDOWN ON [hub]", Duration.ofSeconds(5));
            agent.type("återgång alfa/a1");
            Await.until(() -> !PanelRig.lockedDown(watcher), Duration.ofSeconds(5), "the all-clear reaches a2");
            assertThat(hub.count("SELECT count(*) FROM events WHERE panel = 'a1'")).isEqualTo(2);
        }
    }

    @Test
    void theHubWillNotRunAgainstABrokerThatLetsStrangersIn(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.startPlain();
             HubProcess hub = new HubProcess(dir, broker, 1).withoutInsecure()) {
            assertThat(hub.startExpectingExit()).isEqualTo(2);
            assertThat(String.join("\n", hub.process().lines()))
                    .contains("lets clients in without credentials", "--insecure").doesNotContain("\tat ");
        }
    }

    @Test
    void a100KbPublishIsCutOffAndAFloodFromOnePanelDoesNotHoldBackAnotherSchoolsLockdown(@TempDir Path dir) throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.startSecure(List.of(A1, B1, MqttIdentity.panel("alfa", "a2")), List.of());
             HubProcess hub = new HubProcess(dir, broker, 2).withMqttCredentials(broker.credentials(MqttIdentity.HUB)).start();
             MqttTestClient big = MqttTestClient.as(broker.credentials(A1), "a1")) {
            big.publish(Topics.events("alfa", "a1"), "x".repeat(100_000), false);
            Await.until(() -> !big.connected(), Duration.ofSeconds(10), "the broker to cut off the 100 KB packet's sender");

            int flood = 3000;
            long betaVersion = hub.get("/api/sites/beta").get("version").asLong();
            // The hub is down: the broker keeps everything for its session, in the order it came: all of
            // a1's flood first, then beta's lockdown. In that order beta would wait for 3,000 events.
            hub.kill();
            PanelEvent lockdown = new PanelEvent(UUID.randomUUID(), "beta", "b1", EventType.LOCKDOWN, Instant.now(), 0, false,
                    betaVersion, OptionalLong.of(0));
            try (MqttTestClient a1 = MqttTestClient.as(broker.credentials(A1), "a1");
                 MqttTestClient b1 = MqttTestClient.as(broker.credentials(B1), "b1");
                 MqttTestClient watch = MqttTestClient.as(broker.credentials(MqttIdentity.panel("alfa", "a2")), "w")
                         .subscribe(Topics.siteEventsFilter("alfa"))) {
                for (int i = 0; i < flood; i++) {
                    a1.publish(Topics.events("alfa", "a1"), Codec.encode(new PanelEvent(UUID.randomUUID(), "alfa", "a1",
                            EventType.ALARM, Instant.now(), i, false, 0, OptionalLong.of(0))), false);
                }
                b1.publish(Topics.events("beta", "b1"), Codec.encode(lockdown), false);
                // a peer sees the whole flood: the broker holds all of it before the hub comes back
                assertThat(a1.failures()).as("publishes of the flood the broker refused").isEmpty();
                Await.until(() -> watch.received().size() >= flood, Duration.ofSeconds(20), "a2 to see a1's whole flood");
            }
            hub.start();
            Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/beta").get("mode").asText()), Duration.ofSeconds(10),
                    "beta locked");
            Await.until(() -> hub.count("SELECT count(*) FROM events WHERE panel = 'a1'") == flood, Duration.ofSeconds(60),
                    "every one of a1's " + flood + " events recorded in the end: queued, not dropped");
            String beta = "(SELECT %s FROM events WHERE id = '" + lockdown.id() + "')";
            long overtaken = hub.count("SELECT count(*) FROM events WHERE panel = 'a1'"
                    + " AND unixepoch(received_at, 'subsec') <= " + beta.formatted("unixepoch(received_at, 'subsec')")
                    + " AND rowid > " + beta.formatted("rowid"));
            assertThat(overtaken).as("a1's events that reached the hub before beta's lockdown but were recorded after it")
                    .isGreaterThan(flood / 10); // in arrival order: none
            assertThat(hub.metric("vaktpost_hub_messages_rejected_total{reason=\"rate_limited\"}")).isZero();
            assertThat(hub.count("SELECT count(*) FROM events WHERE length(id) <> 36")).isZero();
        }
    }

    private static BrokerConnection connection(Path credentials) {
        return BrokerConnection.as(MqttCredentials.load(credentials), null);
    }
}
