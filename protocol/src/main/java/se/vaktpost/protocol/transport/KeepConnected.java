package se.vaktpost.protocol.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Paho client connected: once a second, if it is neither connected nor connecting, it
 * connects. A supervisor rather than callbacks, because Paho's own automatic reconnect backs off
 * past its maximum, and a connect attempt that throws inside a callback chain ends that chain
 * silently — both left a hub offline for good in our tests.
 */
public final class KeepConnected implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeepConnected.class);
    private static final Duration STUCK = Duration.ofSeconds(6);
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final MqttAsyncClient client;
    private final Supplier<MqttConnectionOptions> options;
    private final ScheduledExecutorService timers;
    private final String who;
    private volatile long attemptStarted;
    private volatile long lastWarning;
    private volatile boolean closed;
    private final java.util.function.Consumer<IMqttToken> onConnected;
    private ScheduledFuture<?> task;

    public KeepConnected(MqttAsyncClient client, Supplier<MqttConnectionOptions> options,
                         ScheduledExecutorService timers, String who) {
        this(client, options, timers, who, token -> { });
    }

    /** As above; {@code onConnected} gets each successful connect's token (with the broker's CONNACK properties). */
    public KeepConnected(MqttAsyncClient client, Supplier<MqttConnectionOptions> options,
                         ScheduledExecutorService timers, String who, java.util.function.Consumer<IMqttToken> onConnected) {
        this.client = client;
        this.options = options;
        this.timers = timers;
        this.who = who;
        this.onConnected = onConnected;
    }

    public void start() {
        task = timers.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    private void check() {
        if (closed || client.isConnected()) {
            return;
        }
        long now = System.nanoTime();
        if (attemptStarted != 0) {
            if (now - attemptStarted < STUCK.toNanos()) {
                return;
            }
            // Seen with Paho 1.2.5 after a broker crash: an attempt that never calls back and
            // blocks every later one ("Connect already in progress"). Tear it down first.
            LOG.warn("{}: connect attempt hung for {} s; resetting the client", who, STUCK.toSeconds());
            try {
                client.disconnectForcibly(0, 500, false);
            } catch (Exception e) {
                LOG.debug("{}: forced disconnect: {}", who, e.getMessage());
            }
        }
        attemptStarted = now;
        try {
            client.connect(options.get(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    attemptStarted = 0;
                    lastWarning = 0;
                    onConnected.accept(token);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    attemptStarted = 0;
                    warn(e);
                }
            });
        } catch (Exception e) {
            attemptStarted = 0;
            warn(e);
        }
    }

    /** The first failure and then one line every 30 s, so an outage does not flood the log. */
    private void warn(Throwable e) {
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > QUIET.toNanos()) {
            lastWarning = now;
            LOG.warn("{}: broker {} not reachable ({}); retrying every second", who, client.getServerURI(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
