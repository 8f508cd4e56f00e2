package se.vaktpost.hub.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;

/**
 * The core's bounded input, in lanes: the steps of the outbound publisher it owns (each a few
 * hundred microseconds: a signature and a send, or the broker's answer), then panel events and
 * operator commands, then the timer tick, then the events of panels beyond their rate (so a
 * flooding panel waits behind every other panel), then presence (one slot per panel, so a storm of
 * statuses takes no more room than the registry has panels), then rejected messages kept for
 * review. Any thread puts; the core takes.
 */
final class CoreQueue {
    /** Most panel events recorded in one transaction. */
    private static final int EVENT_BATCH = 64;
    /**
     * Statuses waiting when their gather ends that make a storm: four times what 10,000 panels'
     * heartbeats bring in one gather. Thousands of Last Wills or reconnects at once.
     */
    static final int STORM_STATUSES = 200;
    /** Longest a storm's statuses are held back, from the first of them. */
    static final Duration STORM_HOLD = Duration.ofSeconds(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition room = lock.newCondition();
    /**
     * Not bounded by a capacity: the publisher's steps are what the core handed it (bounded by the
     * urgent lane) and the broker's answers (bounded by its send windows), and a step must never make
     * an MQTT client's thread wait for the core.
     */
    private final ArrayDeque<CoreInput.Step> steps = new ArrayDeque<>();
    private final ArrayDeque<CoreInput> urgent = new ArrayDeque<>();
    private final LinkedHashMap<PanelKey, CoreInput.Status> statuses = new LinkedHashMap<>();
    private final ArrayDeque<CoreInput.Rejected> review = new ArrayDeque<>();
    /** Events of panels beyond their rate, after every other panel's; their count per panel keeps each panel's order. */
    private final ArrayDeque<CoreInput.Event> excess = new ArrayDeque<>();
    private final java.util.Map<PanelKey, Integer> excessByPanel = new java.util.HashMap<>();
    private final int urgentCapacity;
    private final int reviewCapacity;
    private final int statusBatch;
    private final long statusGatherNanos;
    private final LongSupplier nanoTime;
    /** When the status lane last went from empty to holding one (nanoTime). */
    private long statusesSince;
    /** When the newest waiting status came (nanoTime). */
    private long lastStatusAt;
    private boolean tickDue;
    private boolean closed;

    /** {@code nanoTime} times the statuses' gather (System::nanoTime; a fake in tests). */
    CoreQueue(int urgentCapacity, int reviewCapacity, int statusBatch, Duration statusGather, LongSupplier nanoTime) {
        this.urgentCapacity = urgentCapacity;
        this.reviewCapacity = reviewCapacity;
        this.statusBatch = statusBatch;
        this.statusGatherNanos = statusGather.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Waits while the urgent lane is full: back-pressure on the broker, never a dropped alarm. */
    void putUrgent(CoreInput in) throws InterruptedException {
        lock.lock();
        try {
            while (urgent.size() >= urgentCapacity && !closed) {
                room.await();
            }
            urgent.add(in);
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A step of the publisher the core owns. Never waits; taken before everything else, in the order
     * put, so a state goes out before the next batch of events is committed. Dropped once closed.
     */
    void step(Runnable run) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            steps.add(new CoreInput.Step(run));
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** False when the urgent lane is full: for callers that must not wait (the web server). */
    boolean offerUrgent(CoreInput in) {
        lock.lock();
        try {
            if (urgent.size() >= urgentCapacity || closed) {
                return false;
            }
            urgent.add(in);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An event of a panel beyond its rate, or of one whose earlier events still wait here: behind
     * every other panel's. False when this lane is full: the event is not taken (the panel sends it
     * again until the hub acks it, so it is delayed, never lost).
     */
    boolean offerExcess(CoreInput.Event e) {
        lock.lock();
        try {
            if (excess.size() >= urgentCapacity || closed) {
                return false;
            }
            excess.add(e);
            excessByPanel.merge(key(e), 1, Integer::sum);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether events of {@code panel} wait in the excess lane: its next ones must queue behind them. */
    boolean hasExcess(PanelKey panel) {
        lock.lock();
        try {
            return excessByPanel.containsKey(panel);
        } finally {
            lock.unlock();
        }
    }

    private static PanelKey key(CoreInput.Event e) {
        return new PanelKey(e.event().site(), e.event().panel());
    }

    /** Ticks that pile up while the core is busy count once. */
    void tick() {
        lock.lock();
        try {
            tickDue = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the newest status per panel; a live one is never turned into a replayed one. */
    void status(CoreInput.Status s) {
        lock.lock();
        try {
            boolean first = statuses.isEmpty();
            CoreInput.Status before = statuses.remove(s.panel());
            boolean retained = s.retained() && (before == null || before.retained());
            statuses.put(s.panel(), new CoreInput.Status(s.panel(), s.status(), retained, s.receivedAt()));
            lastStatusAt = nanoTime.getAsLong();
            if (first) {
                statusesSince = lastStatusAt;
                ready.signal(); // the core hears of the first, to time the gather; the rest just wait
            }
        } finally {
            lock.unlock();
        }
    }

    /** False when the review lane is full: the rejection is counted already, only its review row is skipped. */
    boolean review(CoreInput.Rejected r) {
        lock.lock();
        try {
            if (review.size() >= reviewCapacity) {
                return false;
            }
            review.add(r);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next work: every waiting step, else one urgent input, else the tick, else (unless the core
     * is {@code busy} with presence writes of its own) a batch of statuses or one rejection. Waits
     * while there is none and the core is not busy; empty when the core is busy and nothing urgent
     * waits, or when closed.
     */
    List<CoreInput> next(boolean busy) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                if (!steps.isEmpty()) {
                    List<CoreInput> out = new ArrayList<>(steps);
                    steps.clear();
                    return out;
                }
                if (!urgent.isEmpty()) {
                    room.signalAll();
                    return nextUrgent();
                }
                if (tickDue) {
                    tickDue = false;
                    return List.of(new CoreInput.Tick());
                }
                if (!excess.isEmpty()) {
                    return drainExcess();
                }
                if (busy) {
                    return List.of();
                }
                long gathering = statusesDueIn(nanoTime.getAsLong());
                if (gathering == 0) {
                    return drainStatuses();
                }
                if (!review.isEmpty()) {
                    return List.of(review.poll());
                }
                if (gathering > 0) {
                    ready.awaitNanos(gathering);
                } else {
                    ready.await();
                }
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first urgent input; when it is a panel event, with the events right behind it (up to
     * {@value #EVENT_BATCH}), so a burst is recorded in one transaction. A command is never passed.
     */
    private List<CoreInput> nextUrgent() {
        CoreInput first = urgent.poll();
        if (!(first instanceof CoreInput.Event)) {
            return List.of(first);
        }
        List<CoreInput> out = new ArrayList<>();
        out.add(first);
        while (out.size() < EVENT_BATCH && urgent.peek() instanceof CoreInput.Event) {
            out.add(urgent.poll());
        }
        return out;
    }

    private List<CoreInput> drainExcess() {
        List<CoreInput> out = new ArrayList<>();
        while (out.size() < EVENT_BATCH && !excess.isEmpty()) {
            CoreInput.Event e = excess.poll();
            excessByPanel.computeIfPresent(key(e), (k, n) -> n == 1 ? null : n - 1);
            out.add(e);
        }
        return out;
    }

    /**
     * Nanoseconds until the waiting statuses are due; 0 when due, -1 when none waits. They are due
     * {@code statusGather} after the first came; in a storm ({@value #STORM_STATUSES} or more
     * waiting) once none has come for {@code statusGather}, or {@link #STORM_HOLD} after the first.
     * Why: in a storm the broker is still sending thousands of Last Wills on the same two cores, and
     * an alarm's state waits for the broker, not for the core; the core's presence work (200–400 ms
     * of CPU for 10,000 Last Wills on a small server) then slowed the broker and with it the alarm.
     * Held, it runs after the broker's burst. The live view learns of a storm up to
     * {@link #STORM_HOLD} later; timeouts are judged as of the oldest waiting status
     * ({@link #oldestStatus}), so none is false. next() calls this with the lock held.
     */
    long statusesDueIn(long now) {
        if (statuses.isEmpty()) {
            return -1;
        }
        long left = statusesSince + statusGatherNanos - now;
        if (statuses.size() >= STORM_STATUSES) {
            left = Math.min(lastStatusAt + statusGatherNanos - now, statusesSince + STORM_HOLD.toNanos() - now);
        }
        return Math.max(0, left);
    }

    private List<CoreInput> drainStatuses() {
        List<CoreInput> out = new ArrayList<>(Math.min(statusBatch, statuses.size()));
        Iterator<CoreInput.Status> it = statuses.values().iterator();
        while (it.hasNext() && out.size() < statusBatch) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    /**
     * When the status that has waited longest arrived; null when none waits. Statuses of one panel
     * replace each other and move to the back, so the first one waiting is the oldest.
     */
    java.time.Instant oldestStatus() {
        lock.lock();
        try {
            return statuses.isEmpty() ? null : statuses.values().iterator().next().receivedAt();
        } finally {
            lock.unlock();
        }
    }

    /** Inputs waiting in all lanes; for the queue-depth gauge. */
    int depth() {
        lock.lock();
        try {
            return steps.size() + urgent.size() + excess.size() + statuses.size() + review.size();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
