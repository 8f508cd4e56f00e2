package se.vaktpost.hub.app;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.core.CorePriority;
import se.vaktpost.hub.threads.AlarmPathPriority;
import se.vaktpost.hub.threads.BackgroundPriority;
import se.vaktpost.hub.threads.LinuxThreads;
import se.vaktpost.hub.threads.ThreadRanks;

/**
 * The hub's thread priorities on Linux, wired from its options and its MQTT client ids: background
 * work below the alarm path ({@code --background-nice}), the alarm path above other processes'
 * ordinary work ({@code --realtime-priority}). Where Linux cannot do either, both change nothing
 * and the log says why.
 */
record ThreadPriorities(BackgroundPriority background, AlarmPathPriority alarmPath) {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadPriorities.class);

    /** @param stateClient the state link's client id, or null when there is none */
    static ThreadPriorities of(int backgroundNice, int realtimePriority, String alarmClient, String presenceClient,
                               String stateClient) {
        if (realtimePriority < 0 || realtimePriority > 99) { // refused on every platform, not only where it is used
            throw new IllegalArgumentException("--realtime-priority is 0 (off) or 1 to 99, not " + realtimePriority);
        }
        Optional<LinuxThreads> linux = backgroundNice > 0 || realtimePriority > 0
                ? LinuxThreads.open(why -> LOG.warn("thread priorities unavailable: {}; every thread keeps the hub's", why))
                : Optional.empty();
        if (backgroundNice <= 0) {
            LOG.info("--background-nice {}: background threads keep the hub's priority", backgroundNice);
        }
        if (realtimePriority <= 0) {
            LOG.info("--realtime-priority {}: the alarm path runs at the ordinary priority", realtimePriority);
        }
        if (linux.isEmpty()) {
            return new ThreadPriorities(BackgroundPriority.off(), AlarmPathPriority.off());
        }
        return new ThreadPriorities(background(linux.get(), backgroundNice, alarmClient, presenceClient, stateClient),
                alarmPath(linux.get(), realtimePriority, alarmClient, presenceClient, stateClient));
    }

    /** Looks for new threads to lower or raise; run every few seconds from one thread. */
    void scan() {
        background.scan();
        alarmPath.scan();
    }

    /** How the core's thread switches between the alarm path's priority and the ordinary one. */
    CorePriority core() {
        return alarmPath.core();
    }

    private static BackgroundPriority background(LinuxThreads linux, int nice, String alarmClient, String presenceClient,
                                                 String stateClient) {
        if (nice <= 0) {
            return BackgroundPriority.off();
        }
        // the presence link's MQTT threads too (a storm of Last Wills is theirs), where their names
        // cannot be mistaken for the alarm path's or the state link's
        Set<String> presenceThreads = ThreadRanks.mqttThreadsApart(presenceClient, others(alarmClient, stateClient));
        if (presenceThreads.isEmpty()) {
            LOG.info("the presence link's MQTT threads keep the hub's priority: client ids '{}' and '{}' begin too much "
                    + "alike for Linux's 15-character thread names to tell them apart", presenceClient, alarmClient);
        }
        return new BackgroundPriority(linux, linux, linux.ofCurrent(), nice, presenceThreads,
                ThreadRanks.intake(presenceThreads));
    }

    private static AlarmPathPriority alarmPath(LinuxThreads linux, int priority, String alarmClient,
                                               String presenceClient, String stateClient) {
        if (priority <= 0) {
            return AlarmPathPriority.off();
        }
        if (Runtime.getRuntime().availableProcessors() < 2) {
            // the core's presence work would then hold the broker back for as long as it runs
            LOG.info("one core: the alarm path runs at the ordinary priority (--realtime-priority needs two or more)");
            return AlarmPathPriority.off();
        }
        // the senders of the alarm link and of the state link, where no presence thread has their names
        Set<String> senders = new HashSet<>(ThreadRanks.senders(ThreadRanks.mqttThreadsApart(alarmClient, presenceClient)));
        if (stateClient != null) {
            senders.addAll(ThreadRanks.senders(ThreadRanks.mqttThreadsApart(stateClient, presenceClient)));
        }
        LOG.info("the alarm path (hub-core and {}) runs at real-time priority {} where Linux allows it",
                senders.isEmpty() ? "no MQTT sender: client ids begin too much alike" : String.join(", ", senders),
                priority);
        return new AlarmPathPriority(linux, linux, priority, senders);
    }

    private static String[] others(String alarmClient, String stateClient) {
        return stateClient == null ? new String[] {alarmClient} : new String[] {alarmClient, stateClient};
    }
}
