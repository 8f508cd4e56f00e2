package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import se.vaktpost.hub.threads.Pacer;

/**
 * Tells the open live views which sites changed, at most once per {@link #GAP}: a change after a
 * quiet spell goes at once, the changes that follow within the gap go together after it, each site
 * once. In a burst of 200 lockdowns a second the web server's thread woke for every site's change
 * (and every open view fetched that site again); now it wakes ten times a second and a site that
 * changed three times in a gap is fetched once ({@link Pacer}). Called from the core and the
 * notifier; the sites waiting are the hand-over between them and the web server's thread, like a queue.
 */
public final class ViewerNudges {
    /** Longest a change waits for the live views: well under what a person watching notices. */
    static final Duration GAP = Duration.ofMillis(100);

    /** Runs {@code task} on the web server's thread after {@code delayMillis} (at least 1). */
    interface Later {
        void run(long delayMillis, Runnable task);
    }

    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Consumer<String> tell;
    private final Pacer pacer;

    ViewerNudges(Later later, Consumer<String> tell, LongSupplier nanoTime) {
        this.tell = tell;
        // rounded up: a timer that fired before the gap is over would only be set again
        this.pacer = new Pacer(GAP, (delayNanos, task) -> later.run(Math.max(1, ceilMillis(delayNanos)), task),
                this::flush, nanoTime);
    }

    private static long ceilMillis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1);
    }

    /** Publishes each site's change on the event bus, where every open live view listens. */
    public static ViewerNudges on(Vertx vertx) {
        return new ViewerNudges((delay, task) -> vertx.setTimer(delay, id -> task.run()),
                site -> vertx.eventBus().publish(LiveRoutes.CHANGED, site), System::nanoTime);
    }

    /** Something a viewer sees changed at {@code site} (any thread; never waits). */
    public void changed(String site) {
        // Added before the request: a flush that has begun but not yet read the sites still sees
        // this one, and one that read them already has let the request queue the next flush.
        waiting.add(site);
        pacer.request();
    }

    private void flush() {
        for (Iterator<String> it = waiting.iterator(); it.hasNext(); ) {
            String site = it.next();
            it.remove();
            tell.accept(site);
        }
    }
}
