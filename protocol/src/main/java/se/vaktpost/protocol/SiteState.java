package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Retained site state on {@code vaktpost/v1/sites/{site}/state}. {@code since} is when the current
 * mode began; panels compare it with their own lockdown time so that an older NORMAL never ends a
 * newer lockdown.
 */
public record SiteState(Mode mode, String incident, Instant since, boolean drill) {
    public SiteState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(since, "since");
        if (mode == Mode.LOCKDOWN && incident == null) {
            throw new IllegalArgumentException("a lockdown state names its incident");
        }
    }

    public static SiteState normal(Instant since) {
        return new SiteState(Mode.NORMAL, null, since, false);
    }
}
