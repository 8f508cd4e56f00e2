package se.vaktpost.bench;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import se.vaktpost.agent.mqtt.MqttSettings;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * How the bench's clients reach the broker: plain and anonymous, or, on a secure broker (TLS,
 * identities, the generated ACL), each panel as itself, the stand-in hub and the floors' publisher
 * as the broker's "intruder" with every right, and states and acks signed with the hub's key.
 */
record BenchTransport(MosquittoBroker broker) {
    static final String SITE = "bench";

    boolean secure() {
        return broker.secure();
    }

    /** The panel's MQTT settings: its own identity when secure. */
    MqttSettings panel(String panel) {
        BrokerConnection c = secure()
                ? BrokerConnection.as(MqttCredentials.load(broker.credentials(MqttIdentity.panel(SITE, panel))), null)
                : BrokerConnection.anonymous(broker.url());
        return new MqttSettings(c, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** A client that may publish anything (the floors' publisher, the stand-in hub). */
    MqttClient publisher(String id) throws Exception {
        return connect(secure() ? BrokerConnection.as(MqttCredentials.load(broker.identities().intruder()), null)
                : BrokerConnection.anonymous(broker.url()), id);
    }

    /** The floors' {@code i}th subscriber: a panel identity when secure (only they may read the site's topics). */
    MqttClient subscriber(int i) throws Exception {
        return secure() ? connect(panel("p" + i).broker(), "p" + i) : connect(BrokerConnection.anonymous(broker.url()), "fan-sub-" + i);
    }

    /** A topic every floor subscriber may read. */
    String floorTopic() {
        return secure() ? Topics.state(SITE) : "bench/floor";
    }

    /** The hub's signature when the panels have its key pinned; none otherwise. */
    String sign(byte[] content) {
        return secure() ? broker.identities().hubSigner().sign(content) : null;
    }

    static MqttClient connect(BrokerConnection c, String id) throws Exception {
        MqttClient client = new MqttClient(c.url(), id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        c.apply(o, false);
        client.connect(o);
        return client;
    }

}
