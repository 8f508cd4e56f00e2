package se.vaktpost.agent.lockdown;

import java.time.Instant;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.SiteState;

/**
 * What one panel shows: lockdown when the hub says so, or when this panel or a peer of the same
 * site raised it (so lockdown spreads even with the hub down). Only the hub's NORMAL, given at or
 * after the local lockdown, ends a local lockdown; an older NORMAL (stale retained message) does not.
 */
public final class PanelLockdown {

    /** The panel's outputs follow this. */
    public sealed interface Indication {
        record Normal() implements Indication {
        }

        record Locked(boolean drill, boolean confirmedByHub) implements Indication {
        }
    }

    private SiteState hub;
    private Instant localSince;

    /** The retained state from the hub arrived or changed. */
    public Indication onHubState(SiteState state) {
        hub = state;
        if (localSince != null && state.mode() == Mode.NORMAL && !state.since().isBefore(localSince)) {
            localSince = null;
        }
        return current();
    }

    /** This panel's lockdown hold completed, or a peer's LOCKDOWN event arrived, stamped {@code at}. */
    public Indication onLocalLockdown(Instant at) {
        boolean clearedSince = hub != null && hub.mode() == Mode.NORMAL && !hub.since().isBefore(at);
        if (!clearedSince && (localSince == null || at.isAfter(localSince))) {
            localSince = at;
        }
        return current();
    }

    public Indication current() {
        if (hub != null && hub.mode() == Mode.LOCKDOWN) {
            return new Indication.Locked(hub.drill(), true);
        }
        return localSince != null ? new Indication.Locked(false, false) : new Indication.Normal();
    }
}
