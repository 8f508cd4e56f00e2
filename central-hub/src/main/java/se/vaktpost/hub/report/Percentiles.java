package se.vaktpost.hub.report;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Median and p90 of durations by the nearest-rank method, so every figure is one that occurred. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The smallest value with at least {@code p} of all values at or below it; empty for no values. */
    public static Optional<Duration> of(List<Duration> values, double p) {
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("p is in (0, 1]");
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return Optional.of(sorted.get(rank - 1));
    }

    public static Optional<Duration> median(List<Duration> values) {
        return of(values, 0.5);
    }

    public static Optional<Duration> p90(List<Duration> values) {
        return of(values, 0.9);
    }
}
