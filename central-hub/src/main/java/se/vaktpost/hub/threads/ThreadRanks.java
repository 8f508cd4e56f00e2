package se.vaktpost.hub.threads;

/**
 * Which of the hub's threads an alarm passes through, by the name the kernel knows it by
 * ({@code /proc/self/task/<tid>/comm}: the Java name cut to 15 characters). Pure: no I/O.
 *
 * <p>Everything not named here is background work — the web server, notifications, the log
 * writer, the write-ahead-log checkpoints, the JIT compilers — and may wait when the machine is
 * short of CPU. An unknown thread is background too, so a new library's threads never compete
 * with an alarm by default.
 */
public final class ThreadRanks {
    /** What a thread is to the alarm path. */
    public enum Rank {
        /** Carries an alarm from the broker, through the core, back to the broker: keeps the hub's priority. */
        ALARM_PATH,
        /** The JVM's own stop-the-world work (garbage collection, safepoints): keeps the hub's priority. */
        RUNTIME,
        /** Everything else: runs at a lower priority. */
        BACKGROUND
    }

    private ThreadRanks() {
    }

    public static Rank of(String comm) {
        String name = comm.strip();
        // Paho names its threads "MQTT Rec: <client id>" and so on; cut to 15 characters the two links
        // look alike, so all of them keep the priority and the presence link lowers its own delivery thread.
        if (name.startsWith("MQTT ") || name.equals("hub-core") || name.equals("hub-outbound")
                // reconnects both links and feeds the core its timer tick
                || name.equals("hub-timers")) {
            return Rank.ALARM_PATH;
        }
        // a collection stops every thread, the alarm path's too: it must end as fast as it can
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM ")
                || name.equals("main") || name.equals("Reference Handl") || name.equals("Finalizer")) {
            return Rank.RUNTIME;
        }
        return Rank.BACKGROUND;
    }
}
