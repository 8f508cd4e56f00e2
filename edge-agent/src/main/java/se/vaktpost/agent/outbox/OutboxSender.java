package se.vaktpost.agent.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.agent.time.Scheduler;
import se.vaktpost.protocol.PanelEvent;

/**
 * Sends unconfirmed outbox events in sequence order and sends again any the hub has not acked
 * within the retry interval; the hub records by id, so a repeat is harmless while a loss is not.
 * Runs on the panel loop; publish completions are handed back to it through {@code onLoop}.
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    /** Publishes one event at QoS 1; completes when the broker acknowledged it. */
    public interface Publisher {
        CompletionStage<Void> publish(PanelEvent event);
    }

    private final SqliteOutbox outbox;
    private final Publisher publisher;
    private final Scheduler time;
    private final Duration retryAfter;
    private final Consumer<Runnable> onLoop;
    private final Map<UUID, Instant> lastSent = new HashMap<>();
    private boolean connected;

    public OutboxSender(SqliteOutbox outbox, Publisher publisher, Scheduler time, Duration retryAfter,
                        Consumer<Runnable> onLoop) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.time = time;
        this.retryAfter = retryAfter;
        this.onLoop = onLoop;
    }

    public void connected() {
        connected = true;
        lastSent.clear();
        kick();
    }

    /** Anything in flight on the old connection must be sent again on the next one. */
    public void disconnected() {
        connected = false;
        lastSent.clear();
    }

    public void acked(UUID id) {
        lastSent.remove(id);
        try {
            outbox.confirm(id, time.now());
        } catch (SQLException e) {
            LOG.error("could not mark event {} confirmed; it will be sent again", id, e);
        }
        kick();
    }

    /** Sends what is due: new events, and unacked ones older than the retry interval. */
    public void kick() {
        if (!connected) {
            return;
        }
        List<PanelEvent> due;
        try {
            due = outbox.unconfirmed(BATCH);
        } catch (SQLException e) {
            LOG.error("could not read the outbox; will try again", e);
            return;
        }
        Instant now = time.now();
        for (PanelEvent e : due) {
            Instant sent = lastSent.get(e.id());
            if (sent != null && now.isBefore(sent.plus(retryAfter))) {
                continue;
            }
            lastSent.put(e.id(), now);
            if (sent != null) {
                LOG.info("no ack for event {} (seq {}) yet; sending again", e.id(), e.seq());
            }
            publisher.publish(e).whenComplete((ok, err) -> onLoop.accept(() -> published(e, err)));
        }
    }

    private void published(PanelEvent e, Throwable err) {
        if (err != null) {
            LOG.warn("publish of event {} failed ({}); will retry", e.id(), err.getMessage());
            lastSent.remove(e.id());
            return;
        }
        try {
            outbox.markPublished(e.id(), time.now());
        } catch (SQLException ex) {
            LOG.warn("could not note publish of {}", e.id(), ex);
        }
    }
}
