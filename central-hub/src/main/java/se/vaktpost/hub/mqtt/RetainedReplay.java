package se.vaktpost.hub.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retained messages under many topic filters a few filters at a time: subscribe a chunk,
 * and once the broker confirmed it (it has queued the chunk's retained messages by then) unsubscribe
 * it and go on with the next. Why: one subscription to every panel's status makes Mosquitto, which
 * has one thread, queue 10,000 retained messages in one go; for that time it serves no other client,
 * and an alarm pressed while the hub starts waited 150–250 ms for it. In chunks of 500 messages the
 * broker serves everyone else in between. Live messages come on a subscription of their own (which
 * asks for no retained messages); while a chunk is subscribed a live message may come twice, which
 * presence takes as the same news again. The broker keeps one connection's messages in order, so a
 * replayed status is never older than a live one already delivered for the same panel.
 */
final class RetainedReplay {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedReplay.class);

    private final String who;
    private final List<List<String>> chunks;
    /** A new connection starts the replay again; the steps of an older one stop. */
    private final AtomicLong generation = new AtomicLong();

    RetainedReplay(String who, List<String> filters, int filtersPerChunk) {
        this.who = who;
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i += filtersPerChunk) {
            out.add(List.copyOf(filters.subList(i, Math.min(filters.size(), i + filtersPerChunk))));
        }
        this.chunks = List.copyOf(out);
    }

    /** Starts reading on a connection that just subscribed its live filters. */
    void start(MqttAsyncClient client) {
        step(client, generation.incrementAndGet(), 0, System.nanoTime());
    }

    private void step(MqttAsyncClient client, long gen, int index, long startedNanos) {
        if (gen != generation.get()) {
            return;
        }
        if (index == chunks.size()) {
            LOG.info("{}: read the retained messages of {} filters in {} ms", who,
                    chunks.stream().mapToInt(List::size).sum(), (System.nanoTime() - startedNanos) / 1_000_000);
            return;
        }
        List<String> chunk = chunks.get(index);
        try {
            client.subscribe(chunk.stream().map(f -> new MqttSubscription(f, 0)).toArray(MqttSubscription[]::new), null,
                    listener(gen, "subscribe", () -> unsubscribe(client, gen, index, startedNanos)), new MqttProperties());
        } catch (MqttException e) {
            stopped(gen, "subscribe", e);
        }
    }

    private void unsubscribe(MqttAsyncClient client, long gen, int index, long startedNanos) {
        try {
            client.unsubscribe(chunks.get(index).toArray(String[]::new), null,
                    listener(gen, "unsubscribe", () -> step(client, gen, index + 1, startedNanos)), new MqttProperties());
        } catch (MqttException e) {
            stopped(gen, "unsubscribe", e);
        }
    }

    private MqttActionListener listener(long gen, String what, Runnable next) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken done) {
                int refused = MqttLink.firstRefused(done);
                if (refused >= 0) {
                    LOG.error("{}: the broker refused to {} a retained-message filter (reason code 0x{}); check the "
                            + "broker's ACL ('central-hub broker-config' writes it); heartbeats still tell presence",
                            who, what, Integer.toHexString(done.getReasonCodes()[refused]));
                    return;
                }
                next.run();
            }

            @Override
            public void onFailure(IMqttToken failed, Throwable cause) {
                stopped(gen, what, cause);
            }
        };
    }

    private void stopped(long gen, String what, Throwable cause) {
        if (gen == generation.get()) {
            // the connection dropped or the client closed: the next connect starts the replay again
            LOG.warn("{}: reading retained messages stopped ({} failed: {}); it starts again at the next connect", who,
                    what, cause == null ? "no reason given" : cause.getMessage());
        }
    }
}
