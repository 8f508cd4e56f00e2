package se.vaktpost.hub.mqtt;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
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
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.OnMessage;
import se.vaktpost.protocol.transport.Publish;

/**
 * One of the hub's two MQTT connections. The broker sends each connection's messages in order,
 * so on one connection an alarm would wait behind a storm of 10,000 Last Wills or the replay of
 * every retained status after a restart; and a connection's window of unanswered publishes is
 * shared by all it sends. So:
 *
 * <ul>
 *   <li>the <b>alarm path</b> ({@link #alarmPath}) has a persistent session that keeps events queued
 *       while the hub is down, takes events at QoS 1 with manual acks (released to the broker only
 *       after the core committed them), watches the state topics at QoS 0, and publishes the states;</li>
 *   <li>the <b>presence link</b> ({@link #presence}) has a clean session (after every connect it reads
 *       the retained statuses again, a few sites at a time, and the heartbeat timeout catches what a
 *       gap misses), takes statuses at QoS 0 and publishes the acks, with a window of their own;</li>
 *   <li>the <b>state link</b> ({@link #states}) has a clean session, takes nothing and publishes half
 *       the sites' states, so that in a burst they have a second window at the broker.</li>
 * </ul>
 * Each connects in the background and keeps connected, subscribes after every connect, and
 * publishes through a gate within the broker's receive maximum.
 */
public final class MqttLink implements ReliablePublisher.Transport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private final BrokerConnection broker;
    private final String who;
    private final boolean persistentSession;
    private final BrokerConnection.Link link;
    private final List<MqttSubscription> subscriptions;
    /** Retained messages read in chunks after the live subscriptions (presence); null for none. */
    private final RetainedReplay replay;
    private final MqttAsyncClient client;
    private final KeepConnected connection;
    private final Publish gate;
    private volatile Ingress ingress;
    private volatile IntConsumer onConnected = max -> { };
    private volatile Runnable onSubscribed = () -> { };
    private volatile Runnable onNewDeliveryThread = () -> { };
    /** The Paho thread that delivered the last message; a reconnect brings a new one. */
    private volatile Thread deliveryThread;

    /** Events the broker may send the alarm path before it has acked them (MQTT 5 Receive Maximum). */
    static final int EVENTS_IN_FLIGHT = 10_000;

    private MqttLink(BrokerConnection broker, String clientId, String who, BrokerConnection.Link link,
                     boolean persistentSession, List<MqttSubscription> subscriptions, RetainedReplay replay,
                     ScheduledExecutorService timers) throws MqttException {
        this.broker = broker;
        this.link = link;
        this.replay = replay;
        this.who = who;
        this.persistentSession = persistentSession;
        this.subscriptions = subscriptions;
        this.client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        client.setManualAcks(persistentSession);
        client.setCallback((OnMessage) this::arrived);
        this.gate = new Publish(client);
        this.connection = new KeepConnected(client, this::options, timers, who, this::connected);
    }

    /** The alarm path: events (QoS 1, manual acks after the commit) and the state echoes; publishes states. */
    public static MqttLink alarmPath(BrokerConnection broker, String clientId, ScheduledExecutorService timers) throws MqttException {
        // No Local: the broker still replays the retained states (the hub's own included) at every
        // subscribe and forwards anyone else's, but not the hub's own live publishes. That echo came
        // just before the broker's PUBACK, and a broker with Nagle on (Mosquitto's default) then held
        // the PUBACK until the hub's delayed ACK, about 40 ms: with 20 publishes in flight, a burst
        // of states waited for the window (broker's answer p50 44–46 ms against 7–15 ms for a
        // client without the echo, same broker).
        MqttSubscription states = new MqttSubscription(Topics.ALL_STATES, 0);
        states.setNoLocal(true);
        return new MqttLink(broker, clientId, "alarm path", BrokerConnection.Link.MAIN, true,
                List.of(new MqttSubscription(Topics.ALL_EVENTS, 1), states), null, timers);
    }

    /**
     * The presence link: statuses at QoS 0 on a clean session; publishes acks. Live statuses come on
     * one subscription without retained messages; the retained ones of {@code sites} are read after
     * it, {@value #SITES_PER_REPLAY_CHUNK} sites at a time ({@link RetainedReplay}).
     */
    public static MqttLink presence(BrokerConnection broker, String clientId, List<String> sites,
                                    ScheduledExecutorService timers) throws MqttException {
        MqttSubscription live = new MqttSubscription(Topics.ALL_STATUS, 0);
        live.setRetainHandling(2); // MQTT 5: send no retained messages for this subscription
        return new MqttLink(broker, clientId, "presence link", BrokerConnection.Link.PRESENCE, false, List.of(live),
                new RetainedReplay("presence link", sites.stream().map(Topics::siteStatuses).toList(), SITES_PER_REPLAY_CHUNK),
                timers);
    }

    /**
     * The state link: publishes states only and subscribes to nothing. The alarm path sees its states
     * as anyone else's (No Local spares only a connection's own), which is how the publisher learns
     * that the broker holds them.
     */
    public static MqttLink states(BrokerConnection broker, String clientId, ScheduledExecutorService timers)
            throws MqttException {
        return new MqttLink(broker, clientId, "state link", BrokerConnection.Link.STATES, false, List.of(), null, timers);
    }

    /** 10 sites of 50 panels: about 500 retained statuses for the broker to queue at a time. */
    static final int SITES_PER_REPLAY_CHUNK = 10;

    /**
     * Connects in the background, retrying until the broker answers. Messages go to {@code ingress};
     * after every connect {@code onConnected} gets the broker's receive maximum, and once the broker
     * has confirmed the subscriptions {@code onSubscribed} runs.
     */
    public void start(Ingress ingress, IntConsumer onConnected, Runnable onSubscribed) {
        this.ingress = ingress;
        this.onConnected = onConnected;
        this.onSubscribed = onSubscribed;
        connection.start();
    }

    /** The MQTT client id, which Paho's thread names carry. */
    public String clientId() {
        return client.getClientId();
    }

    /** The link's name in logs and in the hub's readiness ("alarm path", "presence link"). */
    public String who() {
        return who;
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
        o.setCleanStart(!persistentSession);
        if (persistentSession) {
            o.setSessionExpiryInterval(7L * 24 * 3600);
            // Without a Receive Maximum of ours the broker uses its own (Mosquitto: max_inflight_messages,
            // 20) for events not yet acked to it; the core releases an event only once its state is out
            // (Outbound.afterStates), so in a burst events would come in only as fast as states go out.
            // The core's event lane holds 10,000 and pushes back on the receiver beyond that.
            o.setReceiveMaximum(EVENTS_IN_FLIGHT);
        }
        o.setKeepAliveInterval(10);
        o.setConnectionTimeout(5);
        o.setAutomaticReconnect(false);
        // the broker we configure cuts packets at 3 KB; this bounds what any broker may hand us, and still
        // lets a contract message that is too big arrive, to be refused and counted (Contract.MAX_PAYLOAD_BYTES)
        o.setMaximumPacketSize((long) se.vaktpost.protocol.Contract.MAX_PACKET_BYTES);
        broker.apply(o, link);
        return o;
    }

    private void connected(IMqttToken token) {
        gate.connected(token);
        LOG.info("{}: connected to broker {}", who, client.getCurrentServerURI());
        if (subscriptions.isEmpty()) {
            onConnected.accept(gate.window());
            onSubscribed.run();
            return;
        }
        try {
            client.subscribe(subscriptions.toArray(MqttSubscription[]::new), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken subscribed) {
                    int refused = firstRefused(subscribed);
                    if (refused >= 0) {
                        // e.g. 0x87: the broker's ACL does not let the hub read these topics
                        LOG.error("{}: the broker refused the subscription to '{}' (reason code 0x{}); check the "
                                + "broker's ACL ('central-hub broker-config' writes it)", who,
                                refused < subscriptions.size() ? subscriptions.get(refused).getTopic() : "?",
                                Integer.toHexString(subscribed.getReasonCodes()[refused]));
                        return;
                    }
                    onSubscribed.run();
                    if (replay != null) {
                        replay.start(client);
                    }
                }

                @Override
                public void onFailure(IMqttToken failed, Throwable cause) {
                    // the broker refused or the connection dropped: KeepConnected connects again and
                    // subscribes again; until then the hub is not ready on this link
                    LOG.error("{}: subscribe not confirmed: {}", who, cause == null ? "no reason given" : cause.getMessage());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("{}: subscribe failed: {}; reconnecting", who, e.getMessage());
            try {
                client.disconnectForcibly(0, 500, false);
            } catch (MqttException ignored) {
                LOG.debug("{}: forced disconnect: {}", who, ignored.getMessage());
            }
            return;
        }
        onConnected.accept(gate.window());
    }

    /** The index of the first filter the broker refused (MQTT 5 reason code 0x80 or above), else -1. */
    static int firstRefused(IMqttToken answer) {
        int[] codes = answer.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i] >= 0x80) {
                return i;
            }
        }
        return -1;
    }

    /** Runs on each new thread that delivers this link's messages, before its first message. */
    public void onNewDeliveryThread(Runnable hook) {
        this.onNewDeliveryThread = hook;
    }

    private void arrived(String topic, MqttMessage message) throws InterruptedException {
        if (Thread.currentThread() != deliveryThread) {
            deliveryThread = Thread.currentThread();
            onNewDeliveryThread.run();
        }
        int id = message.getId();
        int qos = message.getQos();
        Runnable release = !persistentSession ? () -> { } : () -> {
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                LOG.debug("{}: ack to broker failed: {}", who, e.getMessage());
            }
        };
        try {
            ingress.accept(topic, message.getPayload(), message.isRetained(), release);
        } catch (RuntimeException e) {
            // Paho drops the connection when this callback throws; one bad message must not do that.
            LOG.error("{}: unexpected failure on a message; released, the hub goes on", who, e);
            release.run();
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
            LOG.debug("{}: closing: {}", who, e.getMessage());
        }
    }
}
