package se.vaktpost.hub.lockdown;

import java.time.Instant;
import java.util.function.Supplier;
import se.vaktpost.hub.lockdown.Decision.Change;
import se.vaktpost.hub.lockdown.Decision.Verdict;
import se.vaktpost.hub.lockdown.SiteMode.Lockdown;
import se.vaktpost.hub.lockdown.SiteMode.Normal;

/**
 * The per-site lockdown state machine. Pure: no I/O; the hub's time and new incident ids come in.
 * No decision reads a panel's clock: order comes from state versions and monotonic ages.
 *
 * <ul>
 *   <li>LOCKDOWN opens a lockdown unless it was made before the last all-clear (a late
 *       delivery must not lock the school again); when that cannot be told, it locks.</li>
 *   <li>ALL_CLEAR ends a lockdown if made after it began; one made before it is late, and one
 *       whose order cannot be told is held: the school stays locked until a clear all-clear.</li>
 *   <li>A real LOCKDOWN or ALARM during a drill interrupts the drill and makes the site's lockdown
 *       real; a drill never starts on top of a real lockdown.</li>
 *   <li>ALARM opens an alarm incident (joins a real lockdown's); TAMPER opens its own; TEST is
 *       only recorded.</li>
 * </ul>
 */
public final class LockdownMachine {
    private LockdownMachine() {
    }

    public static Decision apply(SiteMode mode, Signal s, Supplier<String> newIncident) {
        return switch (s.type()) {
            case LOCKDOWN -> lockdown(mode, s, newIncident);
            case ALL_CLEAR -> allClear(mode, s);
            case ALARM -> alarm(mode, s, newIncident);
            case TAMPER -> new Decision(mode, newIncident.get(), Change.OPENED, Verdict.ACTED, order(mode, s), null);
            case TEST -> new Decision(mode, null, Change.NONE, Verdict.ACTED, order(mode, s), null);
        };
    }

    /**
     * Hybrid logical clock: one above the last version, and never below the hub's clock in
     * milliseconds, so versions keep rising even when the database is restored from a backup.
     */
    static long nextVersion(SiteMode mode, Instant now) {
        return Math.max(mode.version() + 1, now.toEpochMilli());
    }

    private static Decision lockdown(SiteMode mode, Signal s, Supplier<String> newIncident) {
        Order order = s.orderAfter(mode.lastClear().version(), mode.lastClear().at());
        if (mode instanceof Lockdown l && (!l.drill() || s.drill())) {
            return s.drill() && !l.drill()
                    ? new Decision(mode, null, Change.NONE, Verdict.REFUSED, order, null)
                    : new Decision(mode, l.incident(), Change.JOINED, Verdict.ACTED, order, null);
        }
        if (order == Order.BEFORE) {
            return new Decision(mode, null, Change.NONE, Verdict.LATE, order, null);
        }
        String id = newIncident.get();
        Instant since = latest(s.when(), mode.lastClear().at());
        Lockdown next = new Lockdown(nextVersion(mode, s.now()), id, since, s.drill(), mode.lastClear());
        return new Decision(next, id, Change.OPENED, Verdict.ACTED, order, drillOf(mode));
    }

    private static Decision alarm(SiteMode mode, Signal s, Supplier<String> newIncident) {
        Order order = order(mode, s);
        if (mode instanceof Lockdown l && l.drill() && !s.drill()) {
            // A drill never hides a real alarm: the site's lockdown becomes real at once.
            String id = newIncident.get();
            Lockdown real = new Lockdown(nextVersion(mode, s.now()), id, s.when(), false, l.lastClear());
            return new Decision(real, id, Change.OPENED, Verdict.ACTED, order, l.incident());
        }
        if (mode instanceof Lockdown l) {
            return l.drill() == s.drill()
                    ? new Decision(mode, l.incident(), Change.JOINED, Verdict.ACTED, order, null)
                    : new Decision(mode, null, Change.NONE, Verdict.REFUSED, order, null);
        }
        return new Decision(mode, newIncident.get(), Change.OPENED, Verdict.ACTED, order, null);
    }

    private static Decision allClear(SiteMode mode, Signal s) {
        if (!(mode instanceof Lockdown l)) {
            return new Decision(mode, null, Change.NONE, Verdict.ACTED, order(mode, s), null);
        }
        Order order = s.orderAfter(l.version(), l.since());
        return switch (order) {
            case BEFORE -> new Decision(mode, null, Change.NONE, Verdict.LATE, order, null);
            case UNKNOWN -> new Decision(mode, l.incident(), Change.NONE, Verdict.HELD, order, null);
            case SEEN, AFTER -> {
                Normal next = new Normal(nextVersion(mode, s.now()), latest(s.when(), l.since()));
                yield new Decision(next, l.incident(), Change.CLOSED, Verdict.ACTED, order, null);
            }
        };
    }

    /** How an event that changes no mode stands to the current one; kept for the record. */
    private static Order order(SiteMode mode, Signal s) {
        return s.orderAfter(mode.version(), mode.since());
    }

    private static String drillOf(SiteMode mode) {
        return mode instanceof Lockdown l && l.drill() ? l.incident() : null;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }
}
