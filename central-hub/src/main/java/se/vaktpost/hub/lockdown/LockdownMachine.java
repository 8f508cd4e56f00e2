package se.vaktpost.hub.lockdown;

import java.util.function.Supplier;
import se.vaktpost.protocol.PanelEvent;

/**
 * The per-site lockdown state machine. Pure: no I/O, no clock; incident ids come from the caller.
 *
 * <ul>
 *   <li>LOCKDOWN in NORMAL opens a lockdown incident, unless it happened before the last
 *       all-clear (a late retry of an old press must not lock the school again).</li>
 *   <li>LOCKDOWN during a lockdown joins the open incident.</li>
 *   <li>ALL_CLEAR during a lockdown closes it; in NORMAL it changes nothing.</li>
 *   <li>ALARM (silent) opens an alarm incident; during a lockdown it joins the lockdown incident.</li>
 *   <li>TAMPER opens its own incident; TEST is only recorded.</li>
 * </ul>
 */
public final class LockdownMachine {
    private LockdownMachine() {
    }

    public static Decision apply(SiteMode mode, PanelEvent e, Supplier<String> newIncident) {
        return switch (e.type()) {
            case LOCKDOWN -> lockdown(mode, e, newIncident);
            case ALL_CLEAR -> allClear(mode, e);
            case ALARM -> mode instanceof SiteMode.Lockdown l
                    ? new Decision(mode, l.incident(), Decision.Change.JOINED)
                    : new Decision(mode, newIncident.get(), Decision.Change.OPENED);
            case TAMPER -> new Decision(mode, newIncident.get(), Decision.Change.OPENED);
            case TEST -> new Decision(mode, null, Decision.Change.NONE);
        };
    }

    private static Decision lockdown(SiteMode mode, PanelEvent e, Supplier<String> newIncident) {
        if (mode instanceof SiteMode.Lockdown l) {
            return new Decision(mode, l.incident(), Decision.Change.JOINED);
        }
        if (e.at().isBefore(mode.since())) {
            return new Decision(mode, null, Decision.Change.NONE);
        }
        String id = newIncident.get();
        return new Decision(new SiteMode.Lockdown(id, e.at(), e.drill()), id, Decision.Change.OPENED);
    }

    private static Decision allClear(SiteMode mode, PanelEvent e) {
        if (!(mode instanceof SiteMode.Lockdown l)) {
            return new Decision(mode, null, Decision.Change.NONE);
        }
        // Panels compare this instant with their own lockdown time; never let it precede the lockdown.
        var since = e.at().isBefore(l.since()) ? l.since() : e.at();
        return new Decision(new SiteMode.Normal(since), l.incident(), Decision.Change.CLOSED);
    }
}
