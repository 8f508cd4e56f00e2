package se.vaktpost.agent.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per panel: hardware callbacks, MQTT callbacks and timers all run here, so domain
 * objects need no locks. A task that throws is logged and the loop goes on.
 */
public final class LoopScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopScheduler.class);
    private final Clock clock;
    private final ScheduledExecutorService loop;

    public LoopScheduler(String name, Clock clock) {
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    public void execute(Runnable task) {
        if (!loop.isShutdown()) {
            loop.execute(guarded(task));
        }
    }

    /** For adapters that need an executor of their own timers (reconnect, heartbeat). */
    public ScheduledExecutorService executor() {
        return loop;
    }

    public void every(Duration period, Runnable task) {
        loop.scheduleAtFixedRate(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("panel task failed; the panel keeps running", e);
            }
        };
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
