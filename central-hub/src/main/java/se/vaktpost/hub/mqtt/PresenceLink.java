package se.vaktpost.hub.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.hub.outbound.ReliablePublisher;
import se.vaktpost.protocol.transport.Publish;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.KeepConnected;
import se.vaktpost.protocol.transport.NoDelaySocketFactory;
import se.vaktpost.protocol.transport.OnMessage;

/**
 * The hub's second MQTT connection, for panel presence only. The broker sends each connection's
 * messages in order, so on one connection an alarm would wait behind a storm of 10,000 Last Wills,
 * or behind the replay of 10,000 retained statuses after a restart. Here statuses arrive at QoS 0
 * on a session of their own (nothing to keep: every subscribe replays them retained, and the
 * heartbeat timeout catches what a gap misses), and the alarm path's connection never carries them.
 * The hub's acks go out here too: with a window of their own, a burst of acks never holds a site's
 * state back in the alarm path's window.
 */
public final class PresenceLink implements ReliablePublisher.Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceLink.class);
    private final MqttAsyncClient client;
    private final KeepConnected connection;
    private final Publish gate;
    private volatile Ingress ingress;
    private volatile IntConsumer onConnected = max -> { };

    public PresenceLink(String url, String clientId, ScheduledExecutorService timers) throws MqttException {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback((OnMessage) this::arrived);
        this.gate = new Publish(client);
        this.connection = new KeepConnected(client, this::options, timers, "hub presence", this::connected);
    }

    /** Connects in the background; after every connect {@code onConnected} gets the broker's receive maximum. */
    public void start(Ingress ingress, IntConsumer onConnected) {
        this.ingress = ingress;
        this.onConnected = onConnected;
        connection.start();
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, boolean retained) {
        return gate.qos1(topic, payload, retained);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setSocketFactory(new NoDelaySocketFactory());
        return o;
    }

    private void connected(IMqttToken token) {
        gate.connected(token);
        try {
            client.subscribe(Topics.ALL_STATUS, 0);
            LOG.info("presence link up ({})", client.getCurrentServerURI());
            onConnected.accept(gate.window());
        } catch (MqttException e) {
            LOG.error("presence subscribe failed: {}; reconnecting", e.getMessage());
            try {
                client.disconnectForcibly(0, 500, false);
            } catch (MqttException ignored) {
                LOG.debug("forced disconnect: {}", ignored.getMessage());
            }
        }
    }

    private void arrived(String topic, MqttMessage message) throws InterruptedException {
        try {
            ingress.accept(topic, message.getPayload(), message.isRetained(), () -> { });
        } catch (RuntimeException e) {
            // Paho drops the connection when this callback throws; one bad message must not do that.
            LOG.error("unexpected failure on a status message; the hub goes on", e);
        }
    }

    @Override
    public void close() {
        connection.close();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the presence link: {}", e.getMessage());
        }
    }
}
