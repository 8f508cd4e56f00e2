package se.vaktpost.hub.mqtt;

import java.util.concurrent.ExecutorService;
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
import se.vaktpost.hub.intake.Intake;
import se.vaktpost.hub.intake.Outbound;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.KeepConnected;
import se.vaktpost.protocol.transport.Publish;

/**
 * The hub's MQTT adapter. A persistent session (clean start off) keeps events queued at the
 * broker while the hub is down; manual acks mean the broker's copy is released only after the
 * event is committed to the database.
 */
public final class HubMqtt implements Outbound, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubMqtt.class);
    private final MqttAsyncClient client;
    private final ExecutorService pipeline;
    private final java.util.concurrent.ScheduledExecutorService timers;
    private volatile Intake intake;
    private final KeepConnected connection;

    public HubMqtt(String url, String clientId, ExecutorService pipeline,
                   java.util.concurrent.ScheduledExecutorService timers) throws MqttException {
        this.pipeline = pipeline;
        this.timers = timers;
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.connection = new KeepConnected(client, this::options, timers, "hub");
    }

    /** Connects in the background, retrying until the broker answers. */
    public void start(Intake intake) {
        this.intake = intake;
        connection.start();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(7L * 24 * 3600);
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        o.setSocketFactory(new se.vaktpost.protocol.transport.NoDelaySocketFactory());
        return o;
    }

    @Override
    public void publishState(String site, SiteState state, Runnable delivered) {
        send(Topics.state(site), Codec.encode(state), true, delivered);
    }

    @Override
    public void publishAck(String site, String panel, EventAck ack) {
        send(Topics.ack(site, panel), Codec.encode(ack), false, () -> { });
    }

    private void send(String topic, byte[] payload, boolean retained, Runnable delivered) {
        // On failure: states are re-announced on reconnect, and panels re-send unacked events.
        Publish.qos1(client, topic, payload, retained).whenComplete((ok, e) -> {
            if (e == null) {
                delivered.run();
            } else {
                LOG.warn("publish to {} failed: {}", topic, e.getMessage());
            }
        });
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
        public void connectComplete(boolean reconnect, String serverURI) {
            LOG.info("connected to broker {}{}", serverURI, reconnect ? " (reconnected)" : "");
            try {
                client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(Topics.ALL_EVENTS, 1), new MqttSubscription(Topics.ALL_STATUS, 1)});
            } catch (MqttException e) {
                LOG.error("subscribe failed: {}", e.getMessage());
            }
            pipeline.execute(intake::announceAll);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int id = message.getId();
            int qos = message.getQos();
            byte[] body = message.getPayload();
            pipeline.execute(() -> {
                try {
                    intake.onMessage(topic, body);
                } catch (RuntimeException e) {
                    LOG.error("unexpected failure on {}; message dropped, pipeline continues", topic, e);
                }
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException e) {
                    LOG.debug("ack to broker failed: {}", e.getMessage());
                }
            });
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
