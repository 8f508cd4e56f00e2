package se.vaktpost.hub.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.LastErrorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real kernel: nice values and policies of single threads of this JVM, read back from /proc and libc. */
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

    @Test
    void aThreadTakesTheRealtimePolicyAndGoesBackWithItsNiceValueAndAThreadItStartsBeginsOrdinary() throws Exception {
        CompletableFuture<boolean[]> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int self = tid();
                int nice = Math.min(19, linux.of(self) + 2);
                linux.setCurrent(nice);
                if (!realtimeAllowed(() -> linux.realtime(0, 1))) {
                    seen.complete(null);
                    return;
                }
                boolean raised = linux.isRealtime(self);
                CompletableFuture<Boolean> child = new CompletableFuture<>();
                Thread started = new Thread(() -> {
                    try {
                        child.complete(linux.isRealtime(tid()));
                    } catch (Exception e) {
                        child.completeExceptionally(e);
                    }
                });
                started.start();
                boolean childRealtime = child.get(10, TimeUnit.SECONDS);
                linux.ordinary(0);
                // only CAP_SYS_NICE may clear the reset-on-fork flag (sched(7)): a hub without it
                // could not go back if lowering cleared it
                seen.complete(new boolean[] {raised, childRealtime, linux.isRealtime(self), linux.of(self) == nice,
                        linux.resetsOnFork(self)});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }, "realtime-itself");
        t.start();
        boolean[] r = seen.get(10, TimeUnit.SECONDS);
        t.join();
        Assumptions.assumeTrue(r != null, "this process may not use real-time priorities (CAP_SYS_NICE or RLIMIT_RTPRIO)");

        assertThat(r[0]).as("raised").isTrue();
        assertThat(r[1]).as("a thread it starts begins at the ordinary policy").isFalse();
        assertThat(r[2]).as("back to the ordinary policy").isFalse();
        assertThat(r[3]).as("with the nice value it had").isTrue();
        assertThat(r[4]).as("keeping the reset-on-fork flag, which only a privileged thread may clear").isTrue();
        assertThat(linux.isRealtime(tid())).as("the caller keeps its policy").isFalse();
    }

    @Test
    void anotherThreadIsGivenTheRealtimePolicyByItsId() throws Exception {
        try (Parked t = new Parked("vaktpost-test-raised-by-id")) {
            int other = t.id();
            assertThat(linux.isRealtime(other)).isFalse();
            Assumptions.assumeTrue(realtimeAllowed(() -> linux.realtime(other, 1)),
                    "this process may not use real-time priorities (CAP_SYS_NICE or RLIMIT_RTPRIO)");

            assertThat(linux.isRealtime(other)).isTrue();
            assertThat(linux.isRealtime(tid())).isFalse();
            linux.ordinary(other);
            assertThat(linux.isRealtime(other)).isFalse();
        }
    }

    /** Runs {@code raise}; false when the kernel refused it for want of privilege (EPERM), as for a user without it. */
    private static boolean realtimeAllowed(Runnable raise) {
        try {
            raise.run();
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EPERM) {
                return false;
            }
            throw e;
        }
    }

    private static final int EPERM = 1;

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
