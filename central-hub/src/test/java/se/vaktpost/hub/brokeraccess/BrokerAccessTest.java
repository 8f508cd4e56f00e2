package se.vaktpost.hub.brokeraccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.mqttsecurity.BrokerConfig;
import se.vaktpost.mqttsecurity.MosquittoPasswords;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.storage.SqliteDatabase;

class BrokerAccessTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void provisionRevokeAndTheBrokerFilesFollowTheDatabase(@TempDir Path dir) throws Exception {
        Path registryFile = dir.resolve("sites.yaml");
        Files.writeString(registryFile, """
                sites:
                  - id: alfa
                    name: Alfa
                    panels: [{id: a1, name: A1}, {id: a2, name: A2}]
                """);
        SiteRegistry registry = SiteRegistry.load(registryFile);
        try (IdentityStore store = new IdentityStore(SqliteDatabase.open(dir.resolve("hub.db"), "db/hub"))) {
            BrokerAccess access = new BrokerAccess(registry, store, dir.resolve("security"), CLOCK, new SecureRandom());
            access.provisionPanel("alfa", "a1", dir.resolve("a1"), "ssl://broker:8883");
            access.provisionPanel("alfa", "a2", dir.resolve("a2"), null);
            assertThatThrownBy(() -> access.provisionPanel("alfa", "a9", dir.resolve("a9"), null))
                    .hasMessageContaining("no panel alfa/a9 in the registry");

            MqttCredentials a1 = MqttCredentials.load(dir.resolve("a1"));
            assertThat(a1.username()).isEqualTo("panel.alfa.a1");
            assertThat(a1.brokerUrl()).contains("ssl://broker:8883");
            assertThat(Files.readString(dir.resolve("a1/ca.crt"))).isEqualTo(Files.readString(dir.resolve("security/ca.crt")));

            BrokerConfig.Settings s = new BrokerConfig.Settings(8883, null, dir.resolve("broker"), null, List.of());
            BrokerAccess.Written first = access.writeBrokerConfig(dir.resolve("broker"), s, List.of("broker"));
            assertThat(first.panelsProvisioned()).isEqualTo(2);
            String passwd = Files.readString(dir.resolve("broker/passwd"));
            assertThat(passwd.lines().map(l -> l.substring(0, l.indexOf(':'))))
                    .containsExactly("hub", "hub.presence", "hub.states", "panel.alfa.a1", "panel.alfa.a2");
            String a1Hash = passwd.lines().filter(l -> l.startsWith("panel.alfa.a1:")).findFirst().orElseThrow().substring(14);
            assertThat(MosquittoPasswords.matches(a1.password(), a1Hash)).isTrue();
            MqttCredentials hub = MqttCredentials.load(first.hubCredentials());
            assertThat(hub.presence()).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("hub.presence"));
            assertThat(hub.states()).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("hub.states"));
            // each of the hub's links connects as its own identity; a state link never as the alarm path's
            BrokerConnection hubBroker = BrokerConnection.as(hub, null);
            for (var link : BrokerConnection.Link.values()) {
                MqttConnectionOptions o = new MqttConnectionOptions();
                hubBroker.apply(o, link);
                assertThat(o.getUserName()).as(link.name()).isEqualTo(switch (link) {
                    case MAIN -> "hub";
                    case PRESENCE -> "hub.presence";
                    case STATES -> "hub.states";
                });
            }
            MqttCredentials.write(dir.resolve("old-hub"), hub.username(), hub.password(), "ssl://broker:8883",
                    Files.readString(dir.resolve("security/ca.crt")), hub.presence(), null);
            BrokerConnection old = BrokerConnection.as(
                    MqttCredentials.load(dir.resolve("old-hub")), null);
            assertThatThrownBy(() -> old.apply(new MqttConnectionOptions(),
                    BrokerConnection.Link.STATES)).isInstanceOf(IllegalStateException.class);

            assertThat(access.revokePanel("alfa", "a2")).isTrue();
            assertThat(access.revokePanel("alfa", "a2")).as("already revoked").isFalse();
            BrokerAccess.Written second = access.writeBrokerConfig(dir.resolve("broker"), s, List.of("broker"));
            assertThat(Files.readString(dir.resolve("broker/passwd"))).doesNotContain("panel.alfa.a2");
            assertThat(second.panelsProvisioned()).isEqualTo(1);
            assertThat(MqttCredentials.load(second.hubCredentials()).password())
                    .as("the hub's password is kept while it is live").isEqualTo(hub.password());

            access.provisionPanel("alfa", "a2", dir.resolve("a2"), null);
            access.writeBrokerConfig(dir.resolve("broker"), s, List.of("broker"));
            assertThat(Files.readString(dir.resolve("broker/passwd"))).as("provisioned again").contains("panel.alfa.a2:");
            assertThat(store.all()).allMatch(IdentityStore.Row::live);
        }
    }
}
