package se.vaktpost.hub.presence;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a panel's wall clock is from the hub's. Shown and counted, never used to decide: a
 * Raspberry Pi has no real-time clock and boots with an old time until NTP answers.
 */
public final class ClockOffset {
    /** Beyond this a panel's clock is shown as wrong; NTP keeps a healthy one within milliseconds. */
    public static final Duration SKEWED = Duration.ofSeconds(60);

    private ClockOffset() {
    }

    /** The panel's time minus the hub's, in milliseconds, saturated at the range of a long (year 9999999). */
    public static long millis(Instant panel, Instant hub) {
        try {
            return Math.subtractExact(panel.toEpochMilli(), hub.toEpochMilli());
        } catch (ArithmeticException ex) {
            return panel.isAfter(hub) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** True for an offset beyond {@link #SKEWED}; false when it is not known (null). */
    public static boolean skewed(Long offsetMillis) {
        return offsetMillis != null && (offsetMillis > SKEWED.toMillis() || offsetMillis < -SKEWED.toMillis());
    }
}
