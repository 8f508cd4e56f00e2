package se.vaktpost.hub.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed message is tried again: 5 s, then three times longer each time, at most 10 min
 * apart; given up {@code giveUpAfter} after it was created (the failure stays on the incident).
 */
public record Backoff(Duration first, Duration max, Duration giveUpAfter) {
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(24));
    }

    /** After the {@code attempts}-th failed try; null when it is time to give up. */
    public Instant next(int attempts, Instant created, Instant now) {
        long factor = (long) Math.pow(3, Math.min(Math.max(attempts - 1, 0), 20));
        Duration wait = first.multipliedBy(factor);
        Instant next = now.plus(wait.compareTo(max) > 0 ? max : wait);
        return next.isAfter(created.plus(giveUpAfter)) ? null : next;
    }
}
