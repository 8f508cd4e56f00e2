package se.vaktpost.hub.core;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.lockdown.Signal;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;

/**
 * The hub's core: one thread that alone owns the site modes, panel presence and the writer
 * connection, and runs the outbound publisher's steps ({@link Prepared#steps}), so a lockdown's
 * state leaves from the thread that committed it. Every other thread feeds it through a bounded
 * queue in which panel events and operator commands go ahead of presence traffic, and gets answers
 * back asynchronously; nothing here waits for another thread, and no other thread waits for it
 * except the MQTT receiver when the event lane is full (back-pressure, never a dropped alarm).
 */
public final class HubCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubCore.class);

    /** How the core is sized and how presence is judged. */
    public record Settings(Duration offlineAfter, Duration restartGrace, int urgentCapacity, int reviewCapacity,
                           int statusBatch, Duration statusGather, boolean logEvents) {
        /**
         * Statuses are gathered for 50 ms, so that 1,000 heartbeats a second wake the core 20 times,
         * not 1,000, and handled 50 at a time (was 2,000, then 250): about one gather's worth in the
         * steady state, and in a storm of Last Wills an alarm waits for at most one such batch. A
         * storm is held until it calms (CoreQueue.statusesDueIn).
         */
        public static Settings defaults(Duration offlineAfter) {
            return new Settings(offlineAfter, Duration.ofSeconds(15), 10_000, 1_000, 50, Duration.ofMillis(50), true);
        }

        /** As these, without a log line per recorded event: for the start's warm-up, whose events are not real. */
        public Settings withoutEventLog() {
            return new Settings(offlineAfter, restartGrace, urgentCapacity, reviewCapacity, statusBatch, statusGather, false);
        }
    }

    private final CoreQueue queue;
    private final HubStore store;
    private final Outbound outbound;
    private final Clock clock;
    private final Sites sites;
    private final Presences presences;
    private final CoreView view;
    private final CorePriority priority;
    private final Thread thread;
    private volatile boolean closed;

    private HubCore(CoreQueue queue, SiteRegistry registry, HubStore store, Outbound outbound, HubMetrics metrics,
                    Clock clock, CoreView view, Settings settings, CorePriority priority) throws SQLException {
        this.queue = queue;
        this.priority = priority;
        this.store = store;
        this.outbound = outbound;
        this.clock = clock;
        this.view = view;
        Instant started = clock.instant();
        this.sites = new Sites(registry, store, outbound, metrics, clock, view, settings.logEvents());
        this.presences = new Presences(registry, new PresenceSupervisor(settings.offlineAfter(), settings.restartGrace()),
                store, view, metrics, started);
        this.thread = new Thread(this::run, "hub-core");
        metrics.gauge(HubMetrics.Gauge.CORE_QUEUE, queue::depth);
    }

    /**
     * Restores every site's mode and every panel's presence from the database, hands the states to
     * {@code outbound} (which sends them once the broker answers), then starts the core thread.
     */
    public static HubCore start(SiteRegistry registry, HubStore store, Outbound outbound, HubMetrics metrics,
                                Clock clock, CoreView view, Settings settings) throws SQLException {
        return prepare(settings).start(registry, store, outbound, metrics, clock, view);
    }

    /**
     * The core's queue before its thread runs: the outbound publisher, which the core owns too, is
     * built on its {@link Prepared#steps() steps} and then handed to {@link Prepared#start}.
     */
    public static Prepared prepare(Settings settings) {
        return prepare(settings, CorePriority.NONE);
    }

    /** As above, with the core's thread scheduled by {@code priority}. */
    public static Prepared prepare(Settings settings, CorePriority priority) {
        return new Prepared(settings, priority);
    }

    /** A core not started yet; its steps are queued until it is. */
    public static final class Prepared {
        private final Settings settings;
        private final CorePriority priority;
        private final CoreQueue queue;

        private Prepared(Settings settings, CorePriority priority) {
            this.settings = settings;
            this.priority = priority;
            this.queue = new CoreQueue(settings.urgentCapacity(), settings.reviewCapacity(), settings.statusBatch(),
                    settings.statusGather(), System::nanoTime);
        }

        /**
         * Runs each step on the core thread, in the order given, ahead of the events waiting; never
         * waits. A step must not block: it runs between the core's own inputs.
         */
        public Executor steps() {
            return queue::step;
        }

        /** As {@link HubCore#start}. */
        public HubCore start(SiteRegistry registry, HubStore store, Outbound outbound, HubMetrics metrics, Clock clock,
                             CoreView view) throws SQLException {
            HubCore core = new HubCore(queue, registry, store, outbound, metrics, clock, view, settings, priority);
            core.sites.announceAll();
            core.thread.start();
            return core;
        }
    }

    /** A valid, registered panel event; waits while the event lane is full. {@code release} runs after the commit. */
    public void event(PanelEvent e, Instant receivedAt, Runnable release) throws InterruptedException {
        event(e, receivedAt, release, true);
    }

    /**
     * As above; an event beyond its panel's rate ({@code withinRate} false), or one whose panel has
     * such events waiting, queues behind every other panel's events instead. False when that lane is
     * full: the event is not taken (nor released to the broker as recorded; the panel sends it again).
     */
    public boolean event(PanelEvent e, Instant receivedAt, Runnable release, boolean withinRate) throws InterruptedException {
        if (!withinRate || queue.hasExcess(new PanelKey(e.site(), e.panel()))) {
            return queue.offerExcess(new CoreInput.Event(e, receivedAt, release, true));
        }
        queue.putUrgent(new CoreInput.Event(e, receivedAt, release, false));
        return true;
    }

    /** A valid status of a registered panel. Never waits: statuses of one panel replace each other. */
    public void status(PanelKey panel, PanelStatus status, boolean retained, Instant receivedAt) {
        queue.status(new CoreInput.Status(panel, status, retained, receivedAt));
    }

    /** Keeps a refused message for review; false when the review lane is full (it is counted all the same). */
    public boolean rejected(String topic, String reason, String detail, Instant at) {
        return queue.review(new CoreInput.Rejected(topic, reason, detail, at));
    }

    /** The timer's once-a-second beat. */
    public void tick() {
        queue.tick();
    }

    /** Runs a signed-in user's command on the core; fails with {@link Command.Busy} when the queue is full. */
    public <R> CompletableFuture<R> submit(Command<R> command) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (!queue.offerUrgent(new CoreInput.Operator(new Command.Pending<>(command, answer)))) {
            answer.completeExceptionally(new Command.Busy());
        }
        return answer;
    }

    private void run() {
        while (true) {
            priority.urgent(); // an alarm wakes the core ahead of the machine's other work
            List<CoreInput> work;
            try {
                work = queue.next(presences.busy());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (work.isEmpty()) {
                if (closed) {
                    while (presences.busy()) {
                        presences.writeSome();
                    }
                    return;
                }
                presences.writeSome();
                continue;
            }
            if (work.get(0) instanceof CoreInput.Event e && e.excess()) {
                priority.background(); // a flooding panel's events must not take a core from the broker
            }
            try {
                handle(work);
            } catch (RuntimeException e) {
                LOG.error("unexpected failure in the hub's core; it goes on with the next input", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void handle(List<CoreInput> work) {
        CoreInput first = work.get(0);
        if (first instanceof CoreInput.Step) {
            work.forEach(step -> step((CoreInput.Step) step));
        } else if (first instanceof CoreInput.Status) {
            presences.statuses((List<CoreInput.Status>) (List<?>) work);
        } else if (first instanceof CoreInput.Event) {
            events((List<CoreInput.Event>) (List<?>) work);
        } else if (first instanceof CoreInput.Operator op) {
            answer(op.pending());
        } else if (first instanceof CoreInput.Tick) {
            view.beat();
            Instant now = clock.instant();
            // Presence is judged as of the oldest status still waiting: a heartbeat queued behind
            // alarms is late to be handled, not late to arrive, and must not time its panel out.
            Instant waiting = queue.oldestStatus();
            presences.tick(waiting != null && waiting.isBefore(now) ? waiting : now);
            sites.escalate(now);
        } else if (first instanceof CoreInput.Rejected r) {
            try {
                store.rejected(r.topic(), r.reason(), r.detail(), r.at());
            } catch (SQLException ex) {
                LOG.error("could not keep a rejected message for review: {}", ex.getMessage());
            }
        }
    }

    /**
     * Events that waited together are recorded in one transaction; each is released to the broker
     * after it, once the states it led to are out (Outbound.afterStates), or at once if it failed.
     */
    private void events(List<CoreInput.Event> batch) {
        List<Sites.Arrival> arrivals = new ArrayList<>(batch.size());
        for (CoreInput.Event ev : batch) {
            Signal s = Signal.of(ev.event(), ev.receivedAt());
            presences.activity(ev.event(), s.when(), ev.receivedAt());
            arrivals.add(new Sites.Arrival(ev.event(), s));
        }
        boolean recorded = false;
        try {
            sites.events(arrivals);
            recorded = true;
        } catch (SQLException ex) {
            // Not acked to the panels, so they send the events again; the core goes on.
            LOG.error("could not record {} event(s) (first {} from {}/{}): {}; the panels will retry", batch.size(),
                    batch.get(0).event().id(), batch.get(0).event().site(), batch.get(0).event().panel(), ex.getMessage());
        } finally {
            Runnable releaseAll = () -> batch.forEach(ev -> release(ev.release()));
            if (recorded) {
                outbound.afterStates(releaseAll);
            } else {
                releaseAll.run();
            }
        }
    }

    /** One failing step must not keep the others waiting behind it from running. */
    private static void step(CoreInput.Step step) {
        try {
            step.run().run();
        } catch (RuntimeException ex) {
            LOG.error("a step of the hub's outbound publisher failed; the core goes on", ex);
        }
    }

    private static void release(Runnable release) {
        try {
            release.run();
        } catch (RuntimeException ex) {
            LOG.warn("could not acknowledge a message to the broker: {}", ex.getMessage());
        }
    }

    private <R> void answer(Command.Pending<R> p) {
        try {
            p.answer().complete(run(p.command()));
        } catch (Exception ex) {
            p.answer().completeExceptionally(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private <R> R run(Command<R> c) throws SQLException {
        if (c instanceof Command.Lockdown l) {
            return (R) sites.command(l.site(), EventType.LOCKDOWN, l.drill());
        } else if (c instanceof Command.AllClear a) {
            return (R) sites.command(a.site(), EventType.ALL_CLEAR, false);
        } else if (c instanceof Command.Acknowledge a) {
            return (R) sites.acknowledge(a.incident(), a.by(), a.allowed());
        } else if (c instanceof Command.Note n) {
            return (R) Boolean.valueOf(sites.note(n.incident(), n.author(), n.text(), n.allowed()));
        } else if (c instanceof Command.Tick t) {
            return (R) sites.tick(t.incident(), t.index(), t.by(), t.allowed());
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    /** Stops taking input, finishes what it holds, and closes the writer. */
    @Override
    public void close() {
        closed = true;
        queue.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing the hub's database: {}", e.getMessage());
        }
    }
}
