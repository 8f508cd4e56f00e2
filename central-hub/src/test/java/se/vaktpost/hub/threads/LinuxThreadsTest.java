package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real kernel: nice values of single threads of this JVM, read back from /proc. */
@EnabledOnOs(OS.LINUX)
class LinuxThreadsTest {
    private final LinuxThreads linux = LinuxThreads.open(why -> { throw new AssertionError(why); }).orElseThrow();

    /** The kernel id of the calling thread. */
    private static int tid() throws Exception {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    @Test
    void aThreadLowersItselfAndNoOtherThread() throws Exception {
        int mine = tid();
        int before = linux.of(mine);
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int self = tid();
                linux.setCurrent(Math.min(19, before + 3));
                seen.complete(new int[] {self, linux.of(self), linux.ofCurrent()});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }, "lowers-itself");
        t.start();
        int[] r = seen.get(10, TimeUnit.SECONDS);

        assertThat(r[1]).isEqualTo(Math.min(19, before + 3));
        assertThat(r[2]).isEqualTo(r[1]);
        assertThat(linux.of(mine)).isEqualTo(before);
        t.join();
    }

    @Test
    void anotherThreadIsLoweredByItsIdAndListedByItsName() throws Exception {
        try (Parked t = new Parked("vaktpost-test-lowered-by-id")) {
            int other = t.id();
            int target = Math.min(19, linux.of(other) + 2);

            linux.set(other, target);

            assertThat(linux.of(other)).isEqualTo(target);
            assertThat(linux.ids()).contains(other);
            assertThat(linux.name(other)).contains("vaktpost-test-l"); // the kernel keeps 15 characters
        }
    }

    @Test
    void aThreadGivesItselfTheIdlePolicyAndNoOtherThread() throws Exception {
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                linux.idleCurrent();
                seen.complete(linux.isIdle(tid()));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }, "idles-itself");
        t.start();

        assertThat(seen.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(linux.isIdle(tid())).as("the caller keeps its policy").isFalse();
        t.join();
    }

    @Test
    void anotherThreadIsGivenTheIdlePolicyByItsId() throws Exception {
        try (Parked t = new Parked("vaktpost-test-idled-by-id")) {
            int other = t.id();
            assertThat(linux.isIdle(other)).isFalse();

            linux.idle(other);

            assertThat(linux.isIdle(other)).isTrue();
            assertThat(linux.isIdle(tid())).isFalse();
        }
    }

    /** A thread that says its kernel id and then waits until closed. */
    private static final class Parked implements AutoCloseable {
        private final CountDownLatch done = new CountDownLatch(1);
        private final CompletableFuture<Integer> id = new CompletableFuture<>();
        private final Thread thread;

        Parked(String name) {
            thread = new Thread(() -> {
                try {
                    id.complete(tid());
                    done.await();
                } catch (Exception e) {
                    id.completeExceptionally(e);
                }
            }, name);
            thread.start();
        }

        int id() throws Exception {
            return id.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            done.countDown();
            thread.join();
        }
    }
}
