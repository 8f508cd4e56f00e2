package se.vaktpost.agent.time;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * A moment by the agent's monotonic clock ({@link System#nanoTime()}), which only means something
 * within the run of the agent that read it: {@code run} names that run. A Raspberry Pi has no
 * real-time clock, so the wall clock may be hours off or jump when NTP answers; this one never jumps.
 */
public record Moment(String run, long nanos) {

    /** A fresh name for this run of the agent. */
    public static String newRun() {
        return UUID.randomUUID().toString();
    }

    /** How long ago this moment was, in milliseconds; empty when it belongs to another run. */
    public OptionalLong ageMillis(String currentRun, long nowNanos) {
        if (run == null || !run.equals(currentRun)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, (nowNanos - nanos) / 1_000_000));
    }
}
