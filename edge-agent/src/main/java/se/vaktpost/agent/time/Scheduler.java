package se.vaktpost.agent.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for domain code: the wall clock (for the record only: on a Raspberry Pi it may be hours
 * off), the monotonic clock (for every duration and decision), and delayed tasks. Production runs
 * every task of a panel on one thread; tests advance a manual clock.
 */
public interface Scheduler {

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }

    /** The wall clock: reported in events as they were stamped, never compared. */
    Instant now();

    /** The monotonic clock in nanoseconds: never jumps; only differences within one run mean anything. */
    long nanoTime();

    Cancellable schedule(Duration delay, Runnable task);
}
