package se.vaktpost.hub.threads;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the hub's threads are background work, by the name the kernel knows them by
 * ({@code /proc/self/task/<tid>/comm}: the Java name cut to 15 characters). Pure: no I/O.
 *
 * <p>Background: the JIT compilers, the log writer, the write-ahead-log checkpoints and the JVM's
 * housekeeping. They may wait when the machine is short of CPU. Everything else keeps the hub's
 * priority: the alarm path (the MQTT clients' threads, {@code hub-core} with the outbound publisher,
 * {@code hub-timers}), the people acting on an alarm (the web server with its sign-in and commands,
 * the notifier and its senders), the garbage collector, and any thread not named here. The
 * presence link's MQTT threads, the busiest in a storm of Last Wills, are background too: by their
 * exact names where these differ from the alarm link's ({@link #mqttThreadsApart}); its delivery
 * thread also lowers itself ({@link BackgroundPriority#idleCurrentThread}). Of these, the threads that
 * take its messages in, receiving ({@code MQTT Rec}) and delivering ({@code MQTT Call}), and its
 * pinger get the idle policy as well ({@link #intake}); its sender, which carries the acks, keeps a
 * nice value. Above them all, the alarm and state links' senders ({@link #senders}) and
 * {@code hub-core} run at the real-time policy ({@link AlarmPathPriority}).
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

    /** As {@link #background(String)}, or one of {@code exactNames} (e.g. {@link #mqttThreadsApart}). */
    public static boolean background(String comm, Set<String> exactNames) {
        return background(comm) || exactNames.contains(comm.strip());
    }

    /** Linux keeps this many characters of a thread's name. */
    static final int KERNEL_NAME = 15;
    /** What Paho names an MQTT client's threads, before its client id. */
    private static final List<String> PAHO = List.of("MQTT Rec: ", "MQTT Snd: ", "MQTT Call: ", "MQTT Ping: ", "MQTT Con: ",
            "MQTT Disc: ");

    /**
     * The kernel names of the threads of the MQTT client {@code clientId} that no thread of the
     * clients {@code others} can have: Paho names its threads after the client id, and Linux cuts the
     * name to 15 characters, so ids that begin alike give threads that cannot be told apart. Only the
     * names that differ; none when the ids begin alike.
     */
    public static Set<String> mqttThreadsApart(String clientId, String... others) {
        Set<String> theirs = new HashSet<>();
        for (String other : others) {
            PAHO.forEach(p -> theirs.add(kernelName(p + other)));
        }
        Set<String> ours = new LinkedHashSet<>(PAHO.stream().map(p -> kernelName(p + clientId)).toList());
        ours.removeAll(theirs);
        return Set.copyOf(ours);
    }

    /**
     * Of {@code names} (kernel names of one MQTT client's threads), those that take its messages in
     * and its keepalive pinger, which the receiving thread starts at each connect and which would
     * inherit the idle policy from it anyway (a thread starts with its creator's policy).
     */
    public static Set<String> intake(Set<String> names) {
        return names.stream().filter(n -> n.startsWith("MQTT Rec: ") || n.startsWith("MQTT Call: ")
                || n.startsWith("MQTT Ping: ")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Of {@code names} (kernel names of MQTT clients' threads), the ones that send: the states leave through them. */
    public static Set<String> senders(Set<String> names) {
        return names.stream().filter(n -> n.startsWith("MQTT Snd: "))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    static String kernelName(String javaName) {
        return javaName.length() <= KERNEL_NAME ? javaName : javaName.substring(0, KERNEL_NAME);
    }
}
