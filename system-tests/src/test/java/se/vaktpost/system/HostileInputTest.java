package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.Topics;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.MqttTestClient;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.7 and idempotency: bad input is rejected and counted; valid traffic continues, once. */
class HostileInputTest {
    private static final String REJECTED = "vaktpost_hub_messages_rejected_total{reason=\"%s\"}";
    @TempDir
    Path dir;

    @Test
    void malformedOversizedSpoofedAndUnknownMessagesAreRejectedCountedAndDoNotStopValidEvents() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start()) {
            MqttTestClient attacker = MqttTestClient.intruder(broker, "attacker");
            String a1 = Topics.events("alfa", "a1");
            send(attacker, a1, "{not json".getBytes(StandardCharsets.UTF_8));
            // over the contract's 2 KB, under the broker's 3 KB packet limit (beyond it the broker cuts the sender off)
            send(attacker, a1, ("{\"pad\":\"" + "x".repeat(2_500) + "\"}").getBytes(StandardCharsets.UTF_8));
            send(attacker, a1, Codec.encode(event("alfa", "a2", EventType.LOCKDOWN)));
            send(attacker, Topics.events("ghost-school", "a1"), Codec.encode(event("ghost-school", "a1", EventType.ALARM)));
            send(attacker, Topics.events("alfa", "a99"), Codec.encode(event("alfa", "a99", EventType.ALARM)));
            // the refused id is quoted in the log: a line break in it must not forge a log line
            send(attacker, a1, "{\"id\":\"x\\n12:00:00.000 INFO  [hub] FORGED\",\"type\":\"ALARM\"}".getBytes(StandardCharsets.UTF_8));

            PanelEvent valid = event("alfa", "a1", EventType.ALARM);
            send(attacker, a1, Codec.encode(valid));
            send(attacker, a1, Codec.encode(valid));

            Await.until(() -> hub.metric("vaktpost_hub_events_duplicate_total") == 1.0, Duration.ofSeconds(10),
                    "the repeated event is seen as a duplicate");
            assertThat(hub.metric(REJECTED.formatted("malformed"))).isEqualTo(1.0);
            assertThat(hub.metric(REJECTED.formatted("oversized"))).isEqualTo(1.0);
            assertThat(hub.metric(REJECTED.formatted("spoofed"))).isEqualTo(1.0);
            assertThat(hub.metric(REJECTED.formatted("unknown_site"))).isEqualTo(1.0);
            assertThat(hub.metric(REJECTED.formatted("unknown_panel"))).isEqualTo(1.0);
            assertThat(hub.metric(REJECTED.formatted("invalid_field"))).isEqualTo(1.0);
            assertThat(hub.count("SELECT count(*) FROM events")).as("only the valid event, once").isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM events WHERE id='" + valid.id() + "'")).isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM rejected_messages")).isEqualTo(6);
            assertThat(hub.process().lines()).as("no forged log line").noneMatch(l -> l.contains("FORGED") && !l.contains("rejected"));
            assertThat(hub.get("/api/sites/alfa").get("mode").asText()).as("the spoofed lockdown did nothing")
                    .isEqualTo("NORMAL");
            assertThat(hub.process().isAlive()).isTrue();
            attacker.close();
        }
    }

    private static PanelEvent event(String site, String panel, EventType type) {
        return new PanelEvent(UUID.randomUUID(), site, panel, type, Instant.now(), 1, false);
    }

    private static void send(MqttTestClient c, String topic, byte[] payload) {
        c.publish(topic, payload, false);
    }
}
