package se.vaktpost.hub.lockdown;

import java.time.Instant;
import java.util.Objects;

/**
 * The mode of one site, as the hub holds it and restores it after a restart. {@code version}
 * rises with every change of mode; {@code since} is the hub's time the mode began.
 */
public sealed interface SiteMode {
    long version();

    Instant since();

    /** The all-clear a lockdown press must come after to lock the site again. */
    Clear lastClear();

    /** A fresh site that was never locked: version 0, so every press counts as made after it. */
    static SiteMode initial() {
        return new Normal(0, Instant.EPOCH);
    }

    /** Normal mode: it began with an all-clear (or the site's first start), which is its own last clear. */
    record Normal(long version, Instant since) implements SiteMode {
        public Normal {
            Objects.requireNonNull(since, "since");
        }

        @Override
        public Clear lastClear() {
            return new Clear(version, since);
        }
    }

    /** A lockdown, real or a drill, and the all-clear that came before it. */
    record Lockdown(long version, String incident, Instant since, boolean drill, Clear lastClear) implements SiteMode {
        public Lockdown {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastClear, "lastClear");
        }
    }

    /** The all-clear that ended a site's last lockdown: its state version and the hub's time of it. */
    record Clear(long version, Instant at) {
    }
}
