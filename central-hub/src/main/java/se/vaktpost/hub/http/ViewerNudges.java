package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Tells the open live views which sites changed, at most once per {@link #GAP}: a change after a
 * quiet spell goes at once, the changes that follow within the gap go together after it, each site
 * once. In a burst of 200 lockdowns a second the web server's thread woke for every site's change
 * (and every open view fetched that site again); now it wakes ten times a second and a site that
 * changed three times in a gap is fetched once. Called from the core and the notifier; the sites
 * waiting are the hand-over between them and the web server's thread, like a queue.
 */
public final class ViewerNudges {
    /** Longest a change waits for the live views: well under what a person watching notices. */
    static final Duration GAP = Duration.ofMillis(100);

    /** Runs {@code task} on the web server's thread after {@code delayMillis} (at least 1). */
    interface Later {
        void run(long delayMillis, Runnable task);
    }

    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Later later;
    private final Consumer<String> tell;
    private final LongSupplier nanoTime;
    /** When the last flush began (nanoTime); written only by the flush, read by any caller. */
    private volatile long lastFlush;

    ViewerNudges(Later later, Consumer<String> tell, LongSupplier nanoTime) {
        this.later = later;
        this.tell = tell;
        this.nanoTime = nanoTime;
        this.lastFlush = nanoTime.getAsLong() - GAP.toNanos();
    }

    /** Publishes each site's change on the event bus, where every open live view listens. */
    public static ViewerNudges on(Vertx vertx) {
        return new ViewerNudges((delay, task) -> vertx.setTimer(delay, id -> task.run()),
                site -> vertx.eventBus().publish(LiveRoutes.CHANGED, site), System::nanoTime);
    }

    /** Something a viewer sees changed at {@code site} (any thread; never waits). */
    public void changed(String site) {
        waiting.add(site);
        // Added before the check: a flush that has cleared the flag but not yet read the sites still
        // sees this one, and a flush that read them already has cleared the flag, so one is scheduled.
        if (scheduled.compareAndSet(false, true)) {
            long due = lastFlush + GAP.toNanos() - nanoTime.getAsLong();
            later.run(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due)), this::flush);
        }
    }

    private void flush() {
        lastFlush = nanoTime.getAsLong();
        scheduled.set(false);
        for (Iterator<String> it = waiting.iterator(); it.hasNext(); ) {
            String site = it.next();
            it.remove();
            tell.accept(site);
        }
    }
}
