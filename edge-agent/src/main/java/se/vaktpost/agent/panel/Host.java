package se.vaktpost.agent.panel;

import java.time.Duration;
import java.util.Optional;

/**
 * What a panel learns from and tells the machine it runs on: its build, whether the clock is
 * synchronised, and systemd (ready, and the watchdog that restarts a hung panel). The panel calls
 * these on its loop thread; each must return at once.
 */
public interface Host {
    /** The build the panel runs, as its status reports it. */
    String version();

    /** True when the system clock is synchronised (NTP), false when not, null when this machine cannot tell. */
    Boolean clockSynced();

    /** How often the service manager wants to hear that the panel is alive; empty without a watchdog. */
    Optional<Duration> watchdog();

    /** Tells the service manager the panel runs (after start) or is still alive (each watchdog period). */
    void notify(String state);

    /** A host that knows nothing and tells no one: tests, the bench, simulated panels. */
    static Host none(String version) {
        return new Host() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public Boolean clockSynced() {
                return null;
            }

            @Override
            public Optional<Duration> watchdog() {
                return Optional.empty();
            }

            @Override
            public void notify(String state) {
            }
        };
    }
}
