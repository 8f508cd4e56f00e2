package se.vaktpost.hub.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import se.vaktpost.protocol.Rejection;

/**
 * Lets through the first few rejections of each reason per window, so a flood of bad messages
 * is counted in full but cannot fill the disk with logs and review rows.
 */
final class LogLimiter {
    private final int perWindow;
    private final Duration window;
    private final Map<Rejection, Integer> counts = new EnumMap<>(Rejection.class);
    private Instant windowStart = Instant.EPOCH;

    LogLimiter(int perWindow, Duration window) {
        this.perWindow = perWindow;
        this.window = window;
    }

    /** Synchronized: the alarm path's and the presence link's MQTT threads both reject. */
    synchronized boolean allow(Rejection reason, Instant now) {
        if (now.isAfter(windowStart.plus(window))) {
            windowStart = now;
            counts.clear();
        }
        return counts.merge(reason, 1, Integer::sum) <= perWindow;
    }
}
