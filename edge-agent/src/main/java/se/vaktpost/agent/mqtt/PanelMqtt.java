package se.vaktpost.agent.mqtt;

import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelHealth;
import se.vaktpost.protocol.PanelStatus;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubKey;
import se.vaktpost.protocol.signing.HubSignature;
import se.vaktpost.protocol.transport.KeepConnected;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.protocol.transport.Publish;

/**
 * The panel's MQTT adapter (Paho, MQTT 5): Last Will, retained presence and heartbeat, event
 * publishing, and the three inbound streams (site state, peer events, acks). Durability lives in
 * the outbox, so Paho keeps nothing on disk. Callbacks arrive on Paho threads.
 */
public final class PanelMqtt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PanelMqtt.class);

    /** What the panel hears; called from Paho threads. */
    public interface Listener {
        void connected();

        void disconnected();

        void siteState(SiteState state);

        void peerEvent(PanelEvent event);

        void ack(EventAck ack);
    }

    private final MqttSettings settings;
    private final java.util.function.Supplier<PanelHealth> health;
    private final String site;
    private final String panel;
    private final Listener listener;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final MqttAsyncClient client;
    private final KeepConnected connection;
    private final Publish gate;
    /** The hub's pinned public key; null for a lab panel without credentials, which takes any state. */
    private final java.security.PublicKey hubKey;
    private final java.util.concurrent.atomic.AtomicLong unsigned = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param timers runs the heartbeat, which asks {@code health} how the panel is: the panel's own
     *               loop, so that {@code health} reads the panel's state on its owner's thread
     */
    public PanelMqtt(MqttSettings settings, String site, String panel, Listener listener, Clock clock,
                     ScheduledExecutorService timers, java.util.function.Supplier<PanelHealth> health) throws MqttException {
        this.settings = settings;
        this.health = health;
        this.site = site;
        this.panel = panel;
        this.listener = listener;
        this.clock = clock;
        this.timers = timers;
        // a broker that binds client ids to user names replaces this id with the panel's identity
        this.client = new MqttAsyncClient(settings.brokerUrl(), MqttIdentity.panel(site, panel).username(),
                new MemoryPersistence());
        client.setCallback(new Callback());
        this.gate = new Publish(client);
        this.hubKey = settings.broker().credentials().flatMap(c -> c.hubPublicKey()).map(HubKey::readPublic).orElse(null);
        if (hubKey == null) {
            LOG.warn("{}/{}: no hub key pinned: states and acks are taken unsigned (a lab panel; provision it for real use)",
                    site, panel);
        }
        this.connection = new KeepConnected(client, this::options, timers, site + "/" + panel, this::connected);
    }

    /** After each connect, once the broker's receive maximum is known: subscribe, say online, tell the panel. */
    private void connected(IMqttToken token) {
        gate.connected(token);
        LOG.info("{}/{}: connected to {}", site, panel, client.getCurrentServerURI());
        try {
            client.subscribe(new MqttSubscription[] {
                new MqttSubscription(Topics.state(site), 1),
                new MqttSubscription(Topics.siteEventsFilter(site), 1),
                new MqttSubscription(Topics.ack(site, panel), 1)});
        } catch (MqttException e) {
            LOG.error("{}/{}: subscribe failed: {}", site, panel, e.getMessage());
        }
        // on the heartbeat's thread, where the panel's health is read
        timers.execute(() -> publishStatus(true));
        listener.connected();
    }

    /** Connects in the background and keeps trying until the broker answers. */
    public void start() {
        timers.scheduleAtFixedRate(this::heartbeat, settings.heartbeat().toMillis(),
                settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        connection.start();
    }

    /** States and acks refused because the hub had not signed them. */
    public long refusedUnsigned() {
        return unsigned.get();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public CompletionStage<Void> publish(PanelEvent event) {
        return send(Topics.events(site, panel), Codec.encode(event), false);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(MqttSettings.SESSION_NEVER_EXPIRES);
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout(5);
        // Our own reconnect loop: Paho's backs off exponentially past its configured maximum,
        // which left panels offline for half a minute after a broker restart.
        o.setAutomaticReconnect(false);
        // the broker we configure cuts packets at 3 KB; this bounds what any broker may hand us, and still
        // lets a contract message that is too big arrive, to be refused and counted (Contract.MAX_PAYLOAD_BYTES)
        o.setMaximumPacketSize((long) se.vaktpost.protocol.Contract.MAX_PACKET_BYTES);
        settings.broker().apply(o, false);
        MqttMessage will = new MqttMessage(Codec.encode(
                new PanelStatus(false, clock.instant(), (int) settings.heartbeat().toSeconds())));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(Topics.status(site, panel), will);
        return o;
    }

    private void heartbeat() {
        if (client.isConnected()) {
            publishStatus(true);
        }
    }

    private CompletionStage<Void> publishStatus(boolean online) {
        PanelStatus s = new PanelStatus(online, clock.instant(), (int) settings.heartbeat().toSeconds(),
                online ? health.get() : null);
        return send(Topics.status(site, panel), Codec.encode(s), true);
    }

    private CompletionStage<Void> send(String topic, byte[] payload, boolean retained) {
        return gate.qos1(topic, payload, retained);
    }

    @Override
    public void close() {
        connection.close();
        try {
            if (client.isConnected()) {
                publishStatus(false).toCompletableFuture().get(2, TimeUnit.SECONDS);
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (Exception e) {
            LOG.debug("closing MQTT client: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("{}/{}: disconnected from broker ({}); reconnecting", site, panel, response.getReasonString());
            listener.disconnected();
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("{}/{}: MQTT error {}", site, panel, e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            var address = Topics.parse(topic).orElse(null);
            if (address == null) {
                return;
            }
            byte[] body = message.getPayload();
            switch (address.kind()) {
                case STATE -> deliver(signedByHub(Codec.decodeState(body), body, st -> HubSignature.state(site, st)),
                        listener::siteState, topic);
                case ACK -> deliver(signedByHub(Codec.decodeAck(body), body, a -> HubSignature.ack(site, panel, a)),
                        listener::ack, topic);
                case EVENTS -> {
                    if (!address.panel().equals(panel)) {
                        deliver(Codec.decodeEvent(body), e -> {
                            if (e.site().equals(site) && e.panel().equals(address.panel())) {
                                listener.peerEvent(e);
                            }
                        }, topic);
                    }
                }
                default -> {
                }
            }
        }

        /**
         * With the hub's key pinned, a state or ack counts only when the hub signed exactly it; a
         * stranger's NORMAL state never unlocks a door and a forged ack never empties the outbox.
         */
        private <T> Decoded<T> signedByHub(Decoded<T> d, byte[] body, java.util.function.Function<T, byte[]> content) {
            if (hubKey == null || !(d instanceof Decoded.Valid<T> v)) {
                return d;
            }
            String sig = Codec.signature(body).orElse(null);
            if (HubSignature.verify(hubKey, content.apply(v.value()), sig)) {
                return d;
            }
            unsigned.incrementAndGet();
            return Decoded.invalid(se.vaktpost.protocol.Rejection.UNSIGNED,
                    sig == null ? "not signed by the hub" : "signature is not the hub's");
        }

        private <T> void deliver(Decoded<T> d, java.util.function.Consumer<T> to, String topic) {
            if (d instanceof Decoded.Valid<T> v) {
                to.accept(v.value());
            } else if (d instanceof Decoded.Invalid<T> bad) {
                LOG.warn("{}/{}: ignored message on {}: {}", site, panel, topic, bad.describe());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
