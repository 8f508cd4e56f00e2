package se.vaktpost.agent.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Virtual time for domain tests: tasks run when the test advances the clock past them. */
public final class ManualScheduler implements Scheduler {
    private record Task(Instant due, long order, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Instant now;
    private long order;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), order++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    public void advance(Duration d) {
        Instant end = now.plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due().isAfter(end))
                    .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due();
            next.run().run();
        }
        now = end;
    }

    public void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }
}
