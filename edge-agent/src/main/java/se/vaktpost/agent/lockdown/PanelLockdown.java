package se.vaktpost.agent.lockdown;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;

/**
 * What one panel shows: lockdown when the hub says so, or when this panel or a peer of the same
 * site raised it (so lockdown spreads even with the hub down). No decision reads a wall clock:
 * states are ordered by their version, and a peer's press by its monotonic age.
 *
 * <ul>
 *   <li>A press on this panel locks it at once, whatever it saw, and keeps it locked until the hub
 *       has acked the press; then the first hub NORMAL at or above the ack's version ends it.</li>
 *   <li>A peer's lockdown locks this panel unless this panel can tell it was pressed before the
 *       all-clear it holds (the peer had not seen it, and its age puts the press before this panel
 *       received it); when it cannot tell, it locks. The next hub NORMAL above the version held ends it.</li>
 *   <li>A state older than the one held (a stale retained message) is ignored.</li>
 *   <li>A drill never hides a real alarm: a local real lockdown, or a silent alarm during a drill,
 *       shows as real at once.</li>
 * </ul>
 * Single-threaded; the caller passes the monotonic time in nanoseconds.
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
    private long hubSinceNanos;
    private final Set<UUID> unacked = new HashSet<>();
    /** The lowest hub NORMAL version that ends the local lockdown; -1 when there is none. */
    private long endsAt = -1;

    /** The version of the newest hub state held: what this panel's presses say it had seen. */
    public long seenVersion() {
        return hub == null ? 0 : hub.version();
    }

    /** The retained state from the hub arrived or changed. */
    public Indication onHubState(SiteState state, long nowNanos) {
        if (hub == null || state.version() > hub.version()) {
            hubSinceNanos = nowNanos;
            hub = state;
        } else if (state.version() == hub.version()) {
            hub = state;
        }
        return current();
    }

    /** This panel's own lockdown press, stored under {@code id}: it locks at once. */
    public Indication onOwnLockdown(UUID id) {
        unacked.add(id);
        return current();
    }

    /** This panel's own silent alarm: silent, unless a drill runs: then the lockdown turns real at once. */
    public Indication onOwnAlarm(UUID id) {
        if (drillRunning()) {
            unacked.add(id);
        }
        return current();
    }

    /** The hub recorded one of this panel's events; {@code version} is the site's version after it. */
    public Indication onAck(UUID id, long version) {
        if (unacked.remove(id)) {
            endsAt = Math.max(endsAt, version);
        }
        return current();
    }

    /** An event of a peer panel of the same site, as it arrived at {@code nowNanos}. */
    public Indication onPeerEvent(PanelEvent e, long nowNanos) {
        boolean locks = !e.drill() && (e.type() == EventType.LOCKDOWN || e.type() == EventType.ALARM && drillRunning());
        if (locks && madeAfterWhatThisPanelHolds(e, nowNanos)) {
            endsAt = Math.max(endsAt, seenVersion() + 1);
        }
        return current();
    }

    public Indication current() {
        boolean local = !unacked.isEmpty() || endsAt >= 0;
        if (local && unacked.isEmpty() && hub != null && hub.mode() == Mode.NORMAL && hub.version() >= endsAt) {
            endsAt = -1;
            local = false;
        }
        if (hub != null && hub.mode() == Mode.LOCKDOWN) {
            return new Indication.Locked(hub.drill() && !local, true);
        }
        return local ? new Indication.Locked(false, false) : new Indication.Normal();
    }

    private boolean drillRunning() {
        return hub != null && hub.mode() == Mode.LOCKDOWN && hub.drill();
    }

    private boolean madeAfterWhatThisPanelHolds(PanelEvent e, long nowNanos) {
        if (hub == null || hub.mode() == Mode.LOCKDOWN || e.seen() >= hub.version() || e.ageMillis().isEmpty()) {
            return true;
        }
        long pressedNanos = nowNanos - e.ageMillis().getAsLong() * 1_000_000;
        return pressedNanos - hubSinceNanos >= 0;
    }
}
