package se.vaktpost.hub.lockdown;

/**
 * What one event does to a site: the next mode, the incident the event belongs to (null if none),
 * how that incident changed, whether the event was acted on, how it was ordered, and the drill it
 * interrupted (null if none).
 */
public record Decision(SiteMode next, String incident, Change change, Verdict verdict, Order order,
                       String interruptedDrill) {

    /** The incident change an event causes. */
    public enum Change { NONE, OPENED, JOINED, CLOSED }

    /** Whether the event was acted on, and if not, why. */
    public enum Verdict {
        ACTED,
        /** Made before the state it would change (a late delivery): recorded, not acted on. */
        LATE,
        /** A drill asked for during a real lockdown: a drill never starts on top of one. */
        REFUSED,
        /** An all-clear whose order cannot be told: the lockdown stays (fail safe) until a clear one. */
        HELD
    }

    public boolean modeChanged(SiteMode before) {
        return !before.equals(next);
    }

    /** The security unit should look at it: acted on, or held, without knowing its order. */
    public boolean uncertain() {
        return order == Order.UNKNOWN && (verdict == Verdict.HELD || change != Change.NONE);
    }
}
