package se.vaktpost.hub.threads;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub's background threads at a lower CPU priority than its alarm path (Linux nice
 * values, {@link ThreadRanks}). On a small machine that the hub shares with the broker, the
 * presence work of 10,000 Last Wills or the compiler then takes the CPU an alarm does not need,
 * instead of taking turns with it: the broker and the alarm path go first.
 *
 * <p>The presence link's receiving and delivery threads, which take a storm's 10,000 Last Wills,
 * also get Linux's idle policy (SCHED_IDLE): a nice value only weighs a thread against the hub's
 * own, while an idle thread gives way at once to any other that wakes, the broker's included. On
 * two cores a storm's intake otherwise held the broker back from the Last Wills and the state of
 * the lockdown pressed in it (docs/performance.md, nineteenth session).
 *
 * <p>Lowering one's own threads needs no privilege. Threads come and go (compilers, reconnected
 * MQTT clients), so {@link #scan()} runs again every few seconds and lowers the new ones. Where
 * the platform cannot do it, it says so once and changes nothing.
 */
public final class BackgroundPriority {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    /** The weakest priority Linux has. */
    static final int LOWEST = 19;

    /** The process's threads by kernel id; a name is read only for a thread not seen before. */
    public interface Tasks {
        Set<Integer> ids() throws java.io.IOException;

        /** Empty when the thread has ended. */
        Optional<String> name(int tid);
    }

    /** Nice values and scheduling policy of this process's threads. */
    public interface Nice {
        int of(int tid);

        void set(int tid, int nice) throws Exception;

        /** Sets the calling thread's nice value. */
        void setCurrent(int nice) throws Exception;

        /** Gives the thread the idle policy. */
        void idle(int tid) throws Exception;

        /** Gives the calling thread the idle policy. */
        void idleCurrent() throws Exception;
    }

    private final Tasks tasks;
    private final Nice nice;
    private final int background;
    /** Kernel names of threads that are background too, besides {@link ThreadRanks#background}. */
    private final Set<String> alsoBackground;
    /** Kernel names of background threads that get the idle policy as well. */
    private final Set<String> idle;
    private final Set<Integer> seen = new HashSet<>();
    private volatile boolean failed;
    private volatile boolean idleFailed;
    private boolean firstScan = true;

    /**
     * @param step how much lower than the alarm path background threads run (0 turns it off);
     *             {@code alarmPathNice} is the hub's own nice value, which the alarm path keeps
     */
    public BackgroundPriority(Tasks tasks, Nice nice, int alarmPathNice, int step) {
        this(tasks, nice, alarmPathNice, step, Set.of(), Set.of());
    }

    /**
     * As above; the threads named in {@code alsoBackground} (exact kernel names) are background too,
     * and those of them named in {@code idle} also get the idle policy.
     */
    public BackgroundPriority(Tasks tasks, Nice nice, int alarmPathNice, int step, Set<String> alsoBackground,
                              Set<String> idle) {
        this.alsoBackground = Set.copyOf(alsoBackground);
        this.idle = Set.copyOf(idle);
        this.tasks = tasks;
        this.nice = nice;
        this.background = Math.min(LOWEST, alarmPathNice + Math.max(0, step));
        this.failed = step <= 0;
    }

    /** One that changes nothing: where priorities cannot be set, or they are not wanted. */
    public static BackgroundPriority off() {
        return new BackgroundPriority(null, null, 0, 0); // off from the start: neither is ever asked
    }

    /** The nice value background threads get. */
    public int backgroundNice() {
        return background;
    }

    /**
     * Lowers every background thread not seen before; forgets threads that ended (their ids are
     * used again). Run from one thread only. Returns how many it lowered.
     */
    public int scan() {
        if (failed) {
            return 0;
        }
        Set<Integer> now;
        try {
            now = tasks.ids();
        } catch (java.io.IOException | RuntimeException e) {
            giveUp("the threads could not be listed (" + e.getMessage() + ")");
            return 0;
        }
        seen.retainAll(now);
        int lowered = 0;
        int idled = 0;
        for (int tid : now) {
            if (!seen.add(tid)) {
                continue;
            }
            Optional<String> name = tasks.name(tid);
            if (name.isEmpty() || !ThreadRanks.background(name.get(), alsoBackground)) {
                continue;
            }
            try {
                if (nice.of(tid) < background) {
                    nice.set(tid, background);
                    lowered++;
                }
                if (idle.contains(name.get().strip()) && !idleFailed && idle(tid, name.get().strip())) {
                    idled++;
                }
            } catch (Exception e) {
                // a thread that ended in between is no failure; anything else is
                if (tasks.name(tid).isPresent()) {
                    giveUp("thread " + name.get().strip() + " could not be lowered (" + e.getMessage() + ")");
                    return lowered;
                }
            }
        }
        if (firstScan) {
            firstScan = false;
            LOG.info("background threads run at nice {}, the alarm path keeps the hub's own: {} lowered, {} given the "
                    + "idle policy", background, lowered, idled);
        } else if (lowered > 0 || idled > 0) {
            LOG.debug("{} new background threads lowered to nice {}, {} at the idle policy", lowered, background, idled);
        }
        return lowered;
    }

    /**
     * Lowers the calling thread and gives it the idle policy: for a thread the names cannot tell
     * apart, such as the presence link's delivery thread (its name is the alarm path's, cut short).
     */
    public void idleCurrentThread() {
        if (failed) {
            return;
        }
        try {
            nice.setCurrent(background);
        } catch (Exception e) {
            giveUp("a delivery thread could not be lowered (" + e.getMessage() + ")");
            return;
        }
        if (!idleFailed) {
            try {
                nice.idleCurrent();
            } catch (Exception e) {
                idleRefused(Thread.currentThread().getName(), e);
            }
        }
    }

    private boolean idle(int tid, String name) {
        try {
            nice.idle(tid);
            return true;
        } catch (Exception e) {
            if (tasks.name(tid).isPresent()) { // a thread that ended in between is no refusal
                idleRefused(name, e);
            }
            return false;
        }
    }

    /** A refusal keeps the threads' nice value and ends the tries. */
    private void idleRefused(String thread, Exception e) {
        idleFailed = true;
        LOG.warn("thread {} could not be given the idle policy ({}): the presence link's threads stay at nice {}",
                thread, e.getMessage(), background);
    }

    private void giveUp(String why) {
        failed = true;
        LOG.warn("{}: every thread keeps the hub's priority; alarms are handled as before, but background work "
                + "competes with them for the CPU", why);
    }
}
