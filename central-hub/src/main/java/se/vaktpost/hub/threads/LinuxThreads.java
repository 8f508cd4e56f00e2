package se.vaktpost.hub.threads;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This process's threads as Linux has them: names from {@code /proc/self/task}, nice values through
 * libc's {@code getpriority}/{@code setpriority}, the idle and the real-time policy through
 * {@code sched_setscheduler} (JNA). On Linux these act on one thread: "the nice value is a per-thread attribute"
 * (setpriority(2)), the policy is the thread's (sched_setscheduler(2)), and {@code who} 0 is the
 * calling thread.
 */
public final class LinuxThreads implements BackgroundPriority.Tasks, BackgroundPriority.Nice, AlarmPathPriority.Realtime {
    private static final int PRIO_PROCESS = 0;
    /** Linux's SCHED_IDLE (sched(7)): run only when nothing else wants the core, and give way at once. */
    static final int SCHED_IDLE = 5;
    /** The ordinary policy, whose threads share the cores by their nice values. */
    static final int SCHED_OTHER = 0;
    /** A real-time policy (sched(7)): ahead of every ordinary thread; threads of one priority take turns. */
    static final int SCHED_RR = 2;
    /** Or'ed into a policy: threads the thread starts begin at the ordinary policy, not at its. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final Path TASKS = Path.of("/proc/self/task");

    interface C extends Library {
        int getpriority(int which, int who) throws LastErrorException;

        int setpriority(int which, int who, int prio) throws LastErrorException;

        /** {@code param} is {@code struct sched_param}: one int, the static priority (0 for the idle policy). */
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        int sched_getscheduler(int pid) throws LastErrorException;
    }

    private final C c;

    private LinuxThreads(C c) {
        this.c = c;
    }

    /** Empty where this is not Linux or libc cannot be reached; {@code why} then says why. */
    public static Optional<LinuxThreads> open(java.util.function.Consumer<String> why) {
        if (!Files.isDirectory(TASKS)) {
            why.accept("no /proc/self/task (not Linux)");
            return Optional.empty();
        }
        try {
            return Optional.of(new LinuxThreads(Native.load("c", C.class)));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            why.accept("libc not reachable through JNA (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    @Override
    public Set<Integer> ids() throws IOException {
        Set<Integer> out = new HashSet<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(t -> out.add(Integer.parseInt(t.getFileName().toString())));
        }
        return out;
    }

    @Override
    public Optional<String> name(int tid) {
        try {
            return Optional.of(Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("comm"),
                    StandardCharsets.UTF_8).strip());
        } catch (IOException ended) {
            return Optional.empty();
        }
    }

    /** The thread's nice value: field 19 of its stat line (getpriority cannot tell -1 from an error). */
    @Override
    public int of(int tid) {
        try {
            String stat = Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("stat"), StandardCharsets.UTF_8);
            // the name (field 2) is in parentheses and may hold spaces: count from the last ')'
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(after[16]);
        } catch (IOException | RuntimeException e) {
            return c.getpriority(PRIO_PROCESS, tid);
        }
    }

    /** The calling thread's nice value. */
    public int ofCurrent() {
        return c.getpriority(PRIO_PROCESS, 0);
    }

    @Override
    public void set(int tid, int nice) {
        c.setpriority(PRIO_PROCESS, tid, nice);
    }

    @Override
    public void setCurrent(int nice) {
        c.setpriority(PRIO_PROCESS, 0, nice);
    }

    /** Lowering a thread to the idle policy needs no privilege (sched(7)); {@code who} 0 is the calling thread. */
    @Override
    public void idle(int tid) {
        c.sched_setscheduler(tid, SCHED_IDLE, new int[] {0});
    }

    @Override
    public void idleCurrent() {
        idle(0);
    }

    /** Whether the thread runs at the idle policy. */
    public boolean isIdle(int tid) {
        return policy(tid) == SCHED_IDLE;
    }

    /**
     * Real-time round robin at {@code priority} (1 is the lowest), reset for the threads it starts.
     * Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least {@code priority} (systemd's LimitRTPRIO=).
     */
    @Override
    public void realtime(int tid, int priority) {
        c.sched_setscheduler(tid, SCHED_RR | SCHED_RESET_ON_FORK, new int[] {priority});
    }

    /**
     * Back to the ordinary policy; the thread keeps its nice value. Needs no privilege as long as the
     * reset-on-fork flag stays: only CAP_SYS_NICE may clear it once set (sched(7)), so it is kept.
     */
    @Override
    public void ordinary(int tid) {
        c.sched_setscheduler(tid, SCHED_OTHER | SCHED_RESET_ON_FORK, new int[] {0});
    }

    /** Whether the thread's policy carries the reset-on-fork flag. */
    boolean resetsOnFork(int tid) {
        return (c.sched_getscheduler(tid) & SCHED_RESET_ON_FORK) != 0;
    }

    /** Whether the thread runs at a real-time policy. */
    public boolean isRealtime(int tid) {
        return policy(tid) == SCHED_RR;
    }

    private int policy(int tid) {
        return c.sched_getscheduler(tid) & ~SCHED_RESET_ON_FORK;
    }
}
