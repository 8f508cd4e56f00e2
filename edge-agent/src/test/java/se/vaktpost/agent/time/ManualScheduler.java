package se.vaktpost.agent.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Virtual time for domain tests: tasks run when the test advances the clock past them. The wall
 * clock can also be set apart from the monotonic one, as a Pi's is after a power cut or when NTP
 * answers.
 */
public final class ManualScheduler implements Scheduler {
    private record Task(long due, long order, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Instant wall;
    private long nanos = 1_000_000_000L;
    private long order;

    public ManualScheduler(Instant start) {
        this.wall = start;
    }

    @Override
    public Instant now() {
        return wall;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Moves only the wall clock, as NTP does; the monotonic clock and pending tasks are untouched. */
    public void shiftWallClock(Duration by) {
        wall = wall.plus(by);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(nanos + delay.toNanos(), order++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    public void advance(Duration d) {
        long end = nanos + d.toNanos();
        while (true) {
            Task next = tasks.stream().filter(t -> t.due() <= end)
                    .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            wall = wall.plusNanos(next.due() - nanos);
            nanos = next.due();
            next.run().run();
        }
        wall = wall.plusNanos(end - nanos);
        nanos = end;
    }

    public void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }
}
