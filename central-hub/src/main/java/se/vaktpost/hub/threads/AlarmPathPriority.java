package se.vaktpost.hub.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.core.CorePriority;

/**
 * Runs the hub's alarm path ahead of every other process's ordinary work (Linux's real-time round
 * robin, SCHED_RR, at a low priority): the core ({@link #core()}), which records alarms and sends
 * their states, and the MQTT threads that send the states ({@link ThreadRanks#senders}). On a
 * machine busy with other work an ordinary thread that wakes waits for a core behind it, and a
 * lockdown passes several of them; a real-time one takes the core at once (docs/performance.md,
 * twentieth session). The threads that receive stay ordinary (the presence link's idle): what
 * arrives in bulk, a storm of Last Wills or a flooding panel, is not taken in ahead of the broker.
 *
 * <p>Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority (the package's unit sets
 * {@code LimitRTPRIO=}). Where the kernel refuses, it says so once and the alarm path keeps the
 * ordinary policy, as before. The kernel keeps a twentieth of every second for ordinary threads
 * ({@code sched_rt_runtime_us}), so a fault that kept one of these threads busy cannot stop the machine.
 */
public final class AlarmPathPriority {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmPathPriority.class);
    /** The highest priority Linux's real-time policies have. */
    static final int HIGHEST = 99;

    /** The real-time policy of single threads; {@code tid} 0 is the calling thread. */
    public interface Realtime {
        void realtime(int tid, int priority) throws Exception;

        /** Back to the ordinary policy, keeping the nice value. */
        void ordinary(int tid) throws Exception;
    }

    private final BackgroundPriority.Tasks tasks;
    private final Realtime realtime;
    private final int priority;
    /** Exact kernel names of the threads that run at the real-time policy all the time. */
    private final Set<String> names;
    /**
     * Threads looked at already, with the name they had then (a new thread may be renamed after it
     * started: looked at again); owned by the thread that runs {@link #scan()}.
     */
    private final Map<Integer, String> seen = new HashMap<>();
    /** The core could not go back to the ordinary policy (said once). */
    private final AtomicBoolean stuckSaid = new AtomicBoolean();
    /** Set once, by whichever thread meets the first refusal (the core's or the scanning one). */
    private final AtomicBoolean failed = new AtomicBoolean();

    /** @param priority 1 (the lowest real-time priority) to 99; 0 turns it off */
    public AlarmPathPriority(BackgroundPriority.Tasks tasks, Realtime realtime, int priority, Set<String> names) {
        if (priority < 0 || priority > HIGHEST) {
            throw new IllegalArgumentException("a real-time priority is 1 to " + HIGHEST + " (0: off), not " + priority);
        }
        this.tasks = tasks;
        this.realtime = realtime;
        this.priority = priority;
        this.names = Set.copyOf(names);
        this.failed.set(priority == 0);
    }

    /** One that changes nothing: where the platform cannot do it, or it is not wanted. */
    public static AlarmPathPriority off() {
        return new AlarmPathPriority(null, null, 0, Set.of());
    }

    /** Whether the alarm path still asks for the real-time policy (false once the kernel refused). */
    public boolean active() {
        return !failed.get();
    }

    /**
     * Gives the named threads not seen before the real-time policy; forgets threads that ended (their
     * ids are used again). Run from one thread only. Returns how many it raised.
     */
    public int scan() {
        if (failed.get()) {
            return 0;
        }
        Set<Integer> now;
        try {
            now = tasks.ids();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("the threads could not be listed ({}); the next scan tries again", e.getMessage());
            return 0;
        }
        seen.keySet().retainAll(now);
        int raised = 0;
        for (int tid : now) {
            Optional<String> name = tasks.name(tid).map(String::strip);
            if (name.isEmpty() || name.get().equals(seen.put(tid, name.get())) || !names.contains(name.get())) {
                continue;
            }
            try {
                realtime.realtime(tid, priority);
                raised++;
            } catch (Exception e) {
                if (tasks.name(tid).isPresent()) { // a thread that ended in between is no refusal
                    refused("thread " + name.get().strip(), e);
                    return raised;
                }
            }
        }
        if (raised > 0) {
            LOG.debug("{} MQTT sender thread(s) of the alarm path at real-time priority {}", raised, priority);
        }
        return raised;
    }

    /** How the core's thread switches; to be used by the core's thread only. */
    public CorePriority core() {
        return new CorePriority() {
            private boolean urgent;

            @Override
            public void urgent() {
                if (urgent || failed.get()) {
                    return;
                }
                try {
                    realtime.realtime(0, priority);
                    urgent = true;
                } catch (Exception e) {
                    refused("the hub's core", e);
                }
            }

            @Override
            public void background() {
                if (!urgent) {
                    return;
                }
                try {
                    realtime.ordinary(0);
                    urgent = false;
                } catch (Exception e) {
                    // not expected (lowering with the reset-on-fork flag kept needs no privilege);
                    // the core then stays real-time, and says so once
                    if (stuckSaid.compareAndSet(false, true)) {
                        LOG.warn("the hub's core could not go back to the ordinary policy ({}): a flooding panel's "
                                + "events are recorded at real-time priority {}", e.getMessage(), priority);
                    }
                }
            }
        };
    }

    /** A refusal ends the tries: the alarm path keeps the ordinary policy from then on. */
    private void refused(String what, Exception e) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("{}: real-time priority {} refused ({}); the alarm path's threads not raised by now run at the ordinary "
                + "priority and may wait for a core behind other processes on a busy machine. Grant it with LimitRTPRIO={} "
                + "in the service's unit, or turn it off with --realtime-priority 0", what, priority, e.getMessage(),
                priority);
    }
}
