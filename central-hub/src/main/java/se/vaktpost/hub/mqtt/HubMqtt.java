package se.vaktpost.hub.mqtt;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.hub.outbound.ReliablePublisher;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.KeepConnected;
import se.vaktpost.protocol.transport.NoDelaySocketFactory;
import se.vaktpost.protocol.transport.Publish;

/**
 * The hub's MQTT connection for the alarm path. A persistent session (clean start off) keeps events
 * queued at the broker while the hub is down; manual acks mean the broker's copy of an event is
 * released only after the core committed it. It follows the site state topics too, so the publisher
 * can see what the broker really holds. Presence has a connection of its own ({@link PresenceLink}).
 */
public final class HubMqtt implements ReliablePublisher.Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubMqtt.class);
    private final MqttAsyncClient client;
    private final KeepConnected connection;
    private final Publish gate;
    private volatile Ingress ingress;
    private volatile IntConsumer onConnected = max -> { };

    public HubMqtt(String url, String clientId, ScheduledExecutorService timers) throws MqttException {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.gate = new Publish(client);
        this.connection = new KeepConnected(client, this::options, timers, "hub", this::connected);
    }

    /**
     * Connects in the background, retrying until the broker answers. Messages go to {@code ingress};
     * after every connect {@code onConnected} gets the broker's receive maximum.
     */
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
        o.setCleanStart(false);
        o.setSessionExpiryInterval(7L * 24 * 3600);
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setSocketFactory(new NoDelaySocketFactory());
        return o;
    }

    private void connected(IMqttToken token) {
        gate.connected(token);
        LOG.info("connected to broker {}", client.getCurrentServerURI());
        try {
            // Events at QoS 1, released to the broker only after the commit; the state echoes at
            // QoS 0 (only watched). Statuses come on the presence link, never ahead of an alarm here.
            client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.ALL_EVENTS, 1),
                new MqttSubscription(Topics.ALL_STATES, 0)});
        } catch (MqttException e) {
            LOG.error("subscribe failed: {}; reconnecting", e.getMessage());
            try {
                client.disconnectForcibly(0, 500, false);
            } catch (MqttException ignored) {
                LOG.debug("forced disconnect: {}", ignored.getMessage());
            }
            return;
        }
        onConnected.accept(gate.window());
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
            LOG.debug("closing MQTT: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            int id = message.getId();
            int qos = message.getQos();
            Runnable release = () -> {
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException e) {
                    LOG.debug("ack to broker failed: {}", e.getMessage());
                }
            };
            try {
                ingress.accept(topic, message.getPayload(), message.isRetained(), release);
            } catch (RuntimeException e) {
                // Paho drops the connection when this callback throws; one bad message must not do that.
                LOG.error("unexpected failure on a message; released, the hub goes on", e);
                release.run();
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("lost the broker ({}); reconnecting", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT error: {}", e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
