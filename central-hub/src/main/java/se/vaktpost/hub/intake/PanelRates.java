package se.vaktpost.hub.intake;

import java.util.HashMap;
import java.util.Map;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;

/**
 * How many events each panel may put in the core's event lane: a token bucket per panel, refilled
 * at {@code perSecond} up to {@code burst}. A real panel sends a few events a minute, and after an
 * outage its backlog in one burst; a panel far beyond that (broken, or someone with its password)
 * is not refused, only queued behind every other panel's events, so it cannot delay another
 * school's lockdown. Pure; time by {@code nowNanos}; owned by the MQTT delivery thread.
 */
public final class PanelRates {
    private final double perSecond;
    private final double burst;
    private final Map<PanelKey, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long at;
    }

    public PanelRates(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Ten events a second, fifty at once: far above any panel's use, far below a flood. */
    public static PanelRates defaults() {
        return new PanelRates(10, 50);
    }

    /** Takes one token for {@code panel}; false when it has none left (the event goes to the back). */
    public boolean take(PanelKey panel, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(panel, k -> {
            Bucket n = new Bucket();
            n.tokens = burst;
            n.at = nowNanos;
            return n;
        });
        b.tokens = Math.min(burst, b.tokens + (nowNanos - b.at) / 1e9 * perSecond);
        b.at = nowNanos;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }
}
