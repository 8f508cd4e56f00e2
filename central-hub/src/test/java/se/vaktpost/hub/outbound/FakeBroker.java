package se.vaktpost.hub.outbound;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;

/**
 * A broker as Paho shows it: at most {@code receiveMaximum} publishes in flight, a further one
 * refused at once ("too many publishes in progress"); each accepted one answered a moment later.
 */
final class FakeBroker implements ReliablePublisher.Transport {
    final Map<String, byte[]> retained = new ConcurrentHashMap<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    /** Every publish asked of this broker, counted as it is asked (accepted is counted later). */
    final AtomicInteger asked = new AtomicInteger();
    final int receiveMaximum;
    volatile boolean connected = true;
    volatile boolean answering = true;
    /** How long an accepted publish waits for its answer. */
    volatile java.time.Duration answerAfter = java.time.Duration.ofNanos(300_000);
    private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor();

    FakeBroker(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, boolean keep) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        asked.incrementAndGet();
        if (!connected || inFlight.incrementAndGet() > receiveMaximum) {
            if (connected) {
                inFlight.decrementAndGet();
            }
            refused.incrementAndGet();
            done.completeExceptionally(new IllegalStateException("Too many publishes in progress"));
            return done;
        }
        if (!answering) {
            return done;
        }
        network.schedule(() -> {
            if (keep) {
                retained.put(topic, payload);
            }
            accepted.add(topic);
            inFlight.decrementAndGet();
            done.complete(null);
        }, answerAfter.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    SiteState holds(String site) {
        byte[] b = retained.get(Topics.state(site));
        return b == null ? null : ((Decoded.Valid<SiteState>) Codec.decodeState(b)).value();
    }

    void close() {
        network.shutdownNow();
    }
}
