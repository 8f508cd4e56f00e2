package se.vaktpost.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ViewerNudgesTest {
    private static final long MS = 1_000_000;

    /** The web server's timers by hand: tasks wait until the test runs them. */
    private static final class Timers implements ViewerNudges.Later {
        final List<Long> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void run(long delayMillis, Runnable task) {
            delays.add(delayMillis);
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final Timers timers = new Timers();
    private final List<String> told = new ArrayList<>();
    private final ViewerNudges nudges = new ViewerNudges(timers, told::add, now::get);

    @Test
    void aChangeAfterAQuietSpellGoesAtOnce() {
        nudges.changed("s1");

        assertThat(timers.delays).containsExactly(1L);
        timers.runAll();
        assertThat(told).containsExactly("s1");
    }

    @Test
    void changesWithinTheGapGoTogetherAfterItEachSiteOnce() {
        nudges.changed("s1");
        timers.runAll();
        now.addAndGet(10 * MS);

        nudges.changed("s2");
        nudges.changed("s3");
        nudges.changed("s2");
        now.addAndGet(5 * MS);
        nudges.changed("s3");

        assertThat(timers.delays).containsExactly(1L, 90L);
        assertThat(told).containsExactly("s1");
        now.addAndGet(85 * MS);
        timers.runAll();
        assertThat(told).startsWith("s1").containsExactlyInAnyOrder("s1", "s2", "s3");
        assertThat(timers.tasks).isEmpty();
    }

    @Test
    void aChangeDuringAFlushIsToldByTheNextOne() {
        ViewerNudges[] self = new ViewerNudges[1];
        List<String> seen = new ArrayList<>();
        // while the flush tells s1, the core reports s2: it must not be lost between the two flushes
        self[0] = new ViewerNudges(timers, site -> {
            seen.add(site);
            if (site.equals("s1")) {
                self[0].changed("s2");
            }
        }, now::get);

        self[0].changed("s1");
        timers.runAll();
        now.addAndGet(100 * MS);
        timers.runAll();

        assertThat(seen).containsExactly("s1", "s2");
        assertThat(timers.delays).containsExactly(1L, 100L);
    }

    @Test
    void noChangeIsLostWhenManyThreadsReportWhileFlushesRun() throws InterruptedException {
        // real threads, a real timer: every site reported is told at least once
        List<String> toldAll = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService web = Executors.newSingleThreadScheduledExecutor();
        ViewerNudges real = new ViewerNudges((delay, task) -> web.schedule(task, delay, TimeUnit.MILLISECONDS),
                toldAll::add, System::nanoTime);
        int threads = 4;
        int sites = 2_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            new Thread(() -> {
                for (int i = offset; i < sites; i += threads) {
                    real.changed("s" + i);
                }
                done.countDown();
            }).start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> new HashSet<>(toldAll).size() == sites);
        web.shutdownNow();
    }
}
