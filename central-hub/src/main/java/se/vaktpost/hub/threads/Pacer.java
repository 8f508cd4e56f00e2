package se.vaktpost.hub.threads;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs a task on its owner thread at most once per gap: a request after a quiet spell runs it at
 * once, the requests within the gap once after it (the gap counted from the last run's start).
 * Requests come from any thread and never wait; the task runs only on the owner, through the
 * owner's timer. A run due by the timer checks the gap again on the owner, so a run the owner
 * made meanwhile by {@link #runIfDue()} (a pass of its own every second) also counts.
 *
 * <p>Used by the notifier (a pass is a dozen queries whatever it finds) and by the live views'
 * nudges (a wake-up of the web server's thread per change): in a burst of 200 lockdowns a second
 * both did their work once per change before.
 */
public final class Pacer {
    /** Runs {@code task} on the owner thread {@code delayNanos} from now (0: as soon as it can). */
    public interface Timer {
        void after(long delayNanos, Runnable task);
    }

    private final long gapNanos;
    private final Timer timer;
    private final Runnable task;
    private final LongSupplier nanoTime;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** When the last run began (nanoTime); written on the owner only, read by any requester. */
    private volatile long lastRun;

    public Pacer(Duration gap, Timer timer, Runnable task, LongSupplier nanoTime) {
        this.gapNanos = gap.toNanos();
        this.timer = timer;
        this.task = task;
        this.nanoTime = nanoTime;
        this.lastRun = nanoTime.getAsLong() - gapNanos;
    }

    /** Asks for a run (any thread; never waits): at once after a quiet spell, else when the gap is over. */
    public void request() {
        if (queued.compareAndSet(false, true)) {
            timer.after(Math.max(0, lastRun + gapNanos - nanoTime.getAsLong()), this::due);
        }
    }

    /** Owner: runs the task now if the gap since the last run is over; says whether it ran. */
    public boolean runIfDue() {
        long now = nanoTime.getAsLong();
        if (now - lastRun < gapNanos) {
            return false;
        }
        lastRun = now;
        task.run();
        return true;
    }

    /** When the last run began (nanoTime): what the gap is counted from. */
    public long lastRun() {
        return lastRun;
    }

    /** Owner: the run a request asked for, or later if the owner ran meanwhile. */
    private void due() {
        long now = nanoTime.getAsLong();
        long wait = lastRun + gapNanos - now;
        if (wait > 0) {
            timer.after(wait, this::due);
            return;
        }
        lastRun = now;
        // Cleared before the task reads what was asked for: a request arriving during the run
        // queues the next run, and one that came before it is seen by this one.
        queued.set(false);
        task.run();
    }
}
