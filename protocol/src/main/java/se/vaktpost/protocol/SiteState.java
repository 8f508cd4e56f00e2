package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Retained site state on {@code vaktpost/v1/sites/{site}/state}. {@code version} orders states:
 * it rises with every change of mode and never goes back, so a panel keeps the newest state it
 * has seen and tells the hub which one that was. {@code since} is the hub's time the mode began,
 * for display only.
 */
public record SiteState(Mode mode, String incident, Instant since, boolean drill, long version) {
    public SiteState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(since, "since");
        if (mode == Mode.LOCKDOWN && incident == null) {
            throw new IllegalArgumentException("a lockdown state names its incident");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    public static SiteState normal(Instant since, long version) {
        return new SiteState(Mode.NORMAL, null, since, false, version);
    }
}
