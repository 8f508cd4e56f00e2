package se.vaktpost.hub.report;

import java.util.OptionalDouble;

/** A count this period and the same period a year earlier. */
public record Count(String key, long current, long previous) {
    public long change() {
        return current - previous;
    }

    /** Change in percent of the previous count; empty when there was nothing to compare with. */
    public OptionalDouble changePercent() {
        return previous == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * change() / previous);
    }
}
