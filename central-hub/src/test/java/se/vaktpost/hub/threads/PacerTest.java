package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000;
    private static final Duration GAP = Duration.ofMillis(100);

    /** The owner's timer by hand: a task runs when the test has moved the clock to its time. */
    private final class Timer implements Pacer.Timer {
        final List<Long> delays = new ArrayList<>();
        final List<long[]> dueAt = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void after(long delayNanos, Runnable task) {
            delays.add(delayNanos / MS);
            dueAt.add(new long[] {now.get() + delayNanos});
            tasks.add(task);
        }

        /** Moves the clock by {@code millis} and runs every task then due, in order. */
        void advance(long millis) {
            now.addAndGet(millis * MS);
            for (int i = 0; i < tasks.size(); i++) {
                if (dueAt.get(i)[0] <= now.get()) {
                    Runnable task = tasks.remove(i);
                    dueAt.remove(i);
                    i = -1;
                    task.run();
                }
            }
        }
    }

    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final Timer timer = new Timer();
    private final List<Long> runs = new ArrayList<>();
    private final Pacer pacer = new Pacer(GAP, timer, () -> runs.add(now.get() / MS), now::get);

    @Test
    void aRequestAfterAQuietSpellRunsAtOnce() {
        pacer.request();

        assertThat(timer.delays).containsExactly(0L);
        timer.advance(0);
        assertThat(runs).containsExactly(5_000L);
    }

    @Test
    void requestsWithinTheGapRunOnceWhenItIsOver() {
        pacer.request();
        timer.advance(0);
        timer.advance(30);
        pacer.request();
        pacer.request();
        timer.advance(20);
        pacer.request();

        assertThat(timer.delays).containsExactly(0L, 70L);
        timer.advance(49);
        assertThat(runs).containsExactly(5_000L);
        timer.advance(1);
        assertThat(runs).containsExactly(5_000L, 5_100L);
        assertThat(timer.tasks).isEmpty();
    }

    @Test
    void theOwnersOwnRunWithinTheGapIsRefusedAndOneAfterItRuns() {
        pacer.request();
        timer.advance(0);

        timer.advance(99);
        assertThat(pacer.runIfDue()).isFalse();
        timer.advance(1);
        assertThat(pacer.runIfDue()).isTrue();
        assertThat(runs).containsExactly(5_000L, 5_100L);
    }

    @Test
    void aRunDueByTheTimerWaitsAgainWhenTheOwnerRanMeanwhile() {
        timer.advance(200);
        pacer.request();
        assertThat(pacer.runIfDue()).isTrue(); // the owner's pass of every second came first

        timer.advance(0);
        assertThat(runs).as("not a second run right after the owner's").containsExactly(5_200L);
        assertThat(timer.delays).containsExactly(0L, 100L);
        timer.advance(100);
        assertThat(runs).containsExactly(5_200L, 5_300L);
    }

    @Test
    void aRequestDuringARunQueuesTheNextRun() {
        List<Long> seen = new ArrayList<>();
        Pacer[] self = new Pacer[1];
        self[0] = new Pacer(GAP, timer, () -> {
            seen.add(now.get() / MS);
            if (seen.size() == 1) {
                self[0].request(); // what came in while the first run worked
            }
        }, now::get);

        self[0].request();
        timer.advance(0);
        timer.advance(100);

        assertThat(seen).containsExactly(5_000L, 5_100L);
        assertThat(timer.delays).containsExactly(0L, 100L);
    }
}
