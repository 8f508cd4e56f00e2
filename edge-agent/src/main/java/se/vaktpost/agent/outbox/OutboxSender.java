package se.vaktpost.agent.outbox;

import java.sql.SQLException;
import java.time.Duration;
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
    /** How far back in the backlog one retry round looks. */
    private static final int WINDOW = 200;
    /** Retries stop here so that a fresh press always finds room in the broker's in-flight window. */
    private static final int MAX_RETRIES_IN_FLIGHT = 5;
    /** Backlog sends stop here (the broker's window is 20 by default); a fresh press is never held back. */
    private static final int MAX_BACKLOG_IN_FLIGHT = 10;

    /** Publishes one event at QoS 1; completes when the broker acknowledged it. */
    public interface Publisher {
        CompletionStage<Void> publish(PanelEvent event);
    }

    private final SqliteOutbox outbox;
    private final Publisher publisher;
    private final Scheduler time;
    private final Duration retryAfter;
    private final Consumer<Runnable> onLoop;
    private final String run;
    /** When each event was last sent, by the monotonic clock: a wall-clock jump must not stop or flood retries. */
    private final Map<UUID, Long> lastSent = new HashMap<>();
    private boolean connected;
    private int inFlight;
    private boolean moreBacklog;

    /** {@code run} names this run of the agent: a press stored in another run is sent with its age unknown. */
    public OutboxSender(SqliteOutbox outbox, Publisher publisher, Scheduler time, Duration retryAfter,
                        Consumer<Runnable> onLoop, String run) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.time = time;
        this.retryAfter = retryAfter;
        this.onLoop = onLoop;
        this.run = run;
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
        inFlight = 0;
        moreBacklog = false;
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

    /**
     * A fresh press goes out at once, ahead of any backlog of unacked events: a lockdown must
     * reach the peer panels even while hundreds of older events wait for a hub that is down.
     */
    public void sendNow(Stored e) {
        if (connected) {
            send(e);
        }
    }

    /** Sends what is due: never-sent events first, then unacked ones older than the retry interval. */
    public void kick() {
        if (!connected) {
            return;
        }
        List<Stored> backlog;
        try {
            backlog = outbox.unconfirmed(WINDOW);
        } catch (SQLException e) {
            LOG.error("could not read the outbox; will try again", e);
            return;
        }
        long now = time.nanoTime();
        for (Stored e : backlog) {
            if (!lastSent.containsKey(e.event().id())) {
                if (inFlight >= MAX_BACKLOG_IN_FLIGHT) {
                    moreBacklog = true;
                    break;
                }
                send(e);
            }
        }
        for (Stored e : backlog) {
            Long sent = lastSent.get(e.event().id());
            if (inFlight >= MAX_RETRIES_IN_FLIGHT) {
                break;
            }
            if (sent != null && now - sent >= retryAfter.toNanos()) {
                LOG.info("no ack for event {} (seq {}) yet; sending again", e.event().id(), e.event().seq());
                send(e);
            }
        }
    }

    /** Sends the event with the press's age measured now, so the hub can order it without any wall clock. */
    private void send(Stored s) {
        PanelEvent e = s.event().withAge(s.pressed().ageMillis(run, time.nanoTime()));
        lastSent.put(e.id(), time.nanoTime());
        inFlight++;
        publisher.publish(e).whenComplete((ok, err) -> onLoop.accept(() -> published(e, err)));
    }

    private void published(PanelEvent e, Throwable err) {
        inFlight = Math.max(0, inFlight - 1);
        if (err != null) {
            LOG.warn("publish of event {} failed ({}); will retry", e.id(), err.getMessage());
            lastSent.remove(e.id());
            if (connected) {
                time.schedule(java.time.Duration.ofMillis(200), this::kick);
            }
            return;
        }
        try {
            outbox.markPublished(e.id(), time.now());
        } catch (SQLException ex) {
            LOG.warn("could not note publish of {}", e.id(), ex);
        }
        if (moreBacklog) {
            moreBacklog = false;
            kick();
        }
    }
}
