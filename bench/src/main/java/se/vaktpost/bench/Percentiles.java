package se.vaktpost.bench;

import java.util.Arrays;

/** p50/p99 of a set of samples in nanoseconds (nearest-rank). */
record Percentiles(int n, double p50Ms, double p99Ms) {
    static Percentiles of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new Percentiles(s.length, rank(s, 0.50) / 1e6, rank(s, 0.99) / 1e6);
    }

    private static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    String row(String name) {
        return String.format("| %-52s | %5d | %9.2f | %9.2f |", name, n, p50Ms, p99Ms);
    }
}
