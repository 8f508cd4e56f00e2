package se.vaktpost.hub.lockdown;

import java.time.Instant;

/** The mode of one site, as the hub holds it and restores it after a restart. */
public sealed interface SiteMode {
    Instant since();

    record Normal(Instant since) implements SiteMode {
    }

    record Lockdown(String incident, Instant since, boolean drill) implements SiteMode {
    }
}
