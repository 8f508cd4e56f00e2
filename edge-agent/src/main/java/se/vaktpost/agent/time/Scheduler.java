package se.vaktpost.agent.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for domain code: the current instant and delayed tasks. Production runs every task of a
 * panel on one thread; tests advance a manual clock.
 */
public interface Scheduler {

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }

    Instant now();

    Cancellable schedule(Duration delay, Runnable task);
}
