package se.vaktpost.hub.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says "ready" once, when every part the hub needs to take alarms is up: the web server and both
 * MQTT links (connected and subscribed). Parts report from their own threads, in any order; a link
 * that drops and connects again later does not say it again.
 */
final class StartupReadiness {
    private final Set<String> waitingFor = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean said = new AtomicBoolean();
    private final Runnable ready;

    StartupReadiness(Set<String> parts, Runnable ready) {
        this.waitingFor.addAll(parts);
        this.ready = ready;
    }

    /** {@code part} is up; the last one to report runs the announcement, once. */
    void up(String part) {
        waitingFor.remove(part);
        if (waitingFor.isEmpty() && said.compareAndSet(false, true)) {
            ready.run();
        }
    }

    /** The parts not up yet, for the warning while the hub waits for them. */
    Set<String> waitingFor() {
        return Set.copyOf(waitingFor);
    }
}
