package se.vaktpost.protocol;

/**
 * How a panel is, as it says in each status: the build it runs, how long it has run, whether its
 * clock is synchronised (NTP; null when the panel cannot tell) and how many presses wait in its
 * outbox for the hub's ack. For the live view and the operators, never for a decision.
 */
public record PanelHealth(String version, long uptimeSeconds, Boolean clockSynced, int outboxDepth) {
    public PanelHealth {
        if (version == null || version.isEmpty() || version.length() > 64 || !version.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("version must be 1 to 64 printable ASCII characters");
        }
        if (uptimeSeconds < 0 || outboxDepth < 0) {
            throw new IllegalArgumentException("uptime and outbox depth must not be negative");
        }
    }
}
