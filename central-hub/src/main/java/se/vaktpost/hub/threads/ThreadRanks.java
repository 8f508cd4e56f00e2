package se.vaktpost.hub.threads;

import java.util.List;

/**
 * Which of the hub's threads are background work, by the name the kernel knows them by
 * ({@code /proc/self/task/<tid>/comm}: the Java name cut to 15 characters). Pure: no I/O.
 *
 * <p>Background: the JIT compilers, the log writer, the write-ahead-log checkpoints and the JVM's
 * housekeeping. They may wait when the machine is short of CPU. Everything else keeps the hub's
 * priority: the alarm path (the MQTT clients' threads, {@code hub-core}, {@code hub-outbound},
 * {@code hub-timers}), the people acting on an alarm (the web server with its sign-in and commands,
 * the notifier and its senders), the garbage collector, and any thread not named here. The
 * presence link's delivery thread, the heaviest in a storm of Last Wills, is background too, but
 * its name cut short is the alarm link's, so it lowers itself ({@link BackgroundPriority#lowerCurrentThread}).
 */
public final class ThreadRanks {
    private static final List<String> BACKGROUND = List.of(
            "C1 CompilerThre", "C2 CompilerThre", // compiling can wait; on two cores it competed with a burst
            "AsyncAppender-", // the log writer: lines wait in its queue, INFO is dropped before it would block
            "hub-checkpoint", // copies the write-ahead log into the database file
            "Sweeper thread", "Common-Cleaner", "Cleaner-", "Monitor Deflati", "Service Thread", "Signal Dispatch",
            "Notification Th", "process reaper", "vertx-blocked-t");

    private ThreadRanks() {
    }

    public static boolean background(String comm) {
        String name = comm.strip();
        return BACKGROUND.stream().anyMatch(name::startsWith);
    }
}
