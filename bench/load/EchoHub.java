// A second floor for diagnosis (`bench/scale.sh --floor java`): echo-hub.mjs on the hub's own stack
// (Java 17, Eclipse Paho MQTT v5, Jackson), started as a single source file with the hub's jar
// (Paho, and the protocol module's Topics, Codec and records) on the class path. Same answers,
// same window rule (states before acks, at most the broker's receive maximum unanswered), one
// connection, no database, no signature, no thread of its own: everything runs on Paho's callback
// thread. It shows how much of the hub's CPU in a burst is the stack itself rather than the hub's
// work (docs/performance.md, seventeenth session). The goal stays measured against the Node floor.
//
// Usage: java -cp central-hub.jar bench/load/EchoHub.java <mqtt-url>. Prints "echo hub ready" once
// subscribed; SIGTERM ends its broker session (expiry 0), SIGKILL leaves it for the restart.

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.OnMessage;

public final class EchoHub implements OnMessage, MqttActionListener {
    private final MqttAsyncClient client;
    private final ArrayDeque<Out> states = new ArrayDeque<>();
    private final ArrayDeque<Out> acks = new ArrayDeque<>();
    private final Map<String, Long> lastVersion = new HashMap<>();
    private int window = 65535;
    private int inFlight;

    private record Out(String topic, byte[] body, boolean retain) {
    }

    private EchoHub(String url) throws MqttException {
        client = new MqttAsyncClient(url.replaceFirst("^mqtt:", "tcp:"), "vaktpost-echo-hub", new MemoryPersistence());
        client.setCallback(this);
    }

    public static void main(String[] args) throws Exception {
        EchoHub echo = new EchoHub(args[0]);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false); // a kept session like the hub's
        options.setSessionExpiryInterval(3600L);
        options.setKeepAliveInterval(10);
        IMqttToken connected = echo.client.connect(options);
        connected.waitForCompletion();
        MqttProperties connack = connected.getResponseProperties();
        Integer max = connack == null ? null : connack.getReceiveMaximum();
        synchronized (echo) {
            echo.window = max == null ? 65535 : max;
        }
        if (!connected.getSessionPresent()) {
            echo.client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.ALL_EVENTS, 1),
                    new MqttSubscription(Topics.ALL_STATUS, 0)}).waitForCompletion();
        }
        System.out.println("echo hub ready (Java, Paho, window " + max + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(echo::leave));
        Thread.currentThread().join();
    }

    @Override
    public void arrived(String topic, MqttMessage message) throws Exception {
        Topics.Address from = Topics.parse(topic).orElse(null);
        if (from == null || from.kind() != Topics.Kind.EVENTS) {
            return; // statuses are taken and dropped, as the Node floor does
        }
        if (!(Codec.decodeEvent(message.getPayload()) instanceof Decoded.Valid<PanelEvent> valid)) {
            return;
        }
        PanelEvent event = valid.value();
        String site = from.site();
        String incident = null;
        long version = lastVersion.getOrDefault(site, 0L);
        if (event.type() == EventType.LOCKDOWN || event.type() == EventType.ALL_CLEAR) {
            boolean lockdown = event.type() == EventType.LOCKDOWN;
            // as the hub: one above the last and never below the clock in ms
            version = Math.max(System.currentTimeMillis(), version + 1);
            lastVersion.put(site, version);
            incident = lockdown ? UUID.randomUUID().toString() : null;
            SiteState state = new SiteState(lockdown ? Mode.LOCKDOWN : Mode.NORMAL, incident, Instant.now(), false, version);
            send(states, new Out(Topics.state(site), Codec.encode(state), true));
        }
        send(acks, new Out(Topics.ack(site, from.panel()), Codec.encode(new EventAck(event.id(), incident, version)), false));
    }

    private synchronized void send(ArrayDeque<Out> queue, Out out) {
        queue.add(out);
        pump();
    }

    private synchronized void pump() {
        while (inFlight < window && (!states.isEmpty() || !acks.isEmpty())) {
            Out out = (!states.isEmpty() ? states : acks).poll();
            inFlight++;
            try {
                client.publish(out.topic(), out.body(), 1, out.retain(), null, this);
            } catch (MqttException e) {
                inFlight--;
                System.err.println("echo hub: " + e.getMessage());
                return;
            }
        }
    }

    @Override
    public synchronized void onSuccess(IMqttToken token) {
        inFlight--;
        pump();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
        onSuccess(token);
    }

    private void leave() {
        try {
            MqttProperties end = new MqttProperties();
            end.setSessionExpiryInterval(0L);
            client.disconnect(2000, null, null, 0, end).waitForCompletion(3000);
        } catch (MqttException e) {
            System.err.println("echo hub: " + e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        System.err.println("echo hub: disconnected (" + response.getReasonString() + ")");
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        System.err.println("echo hub: " + e.getMessage());
    }
}
