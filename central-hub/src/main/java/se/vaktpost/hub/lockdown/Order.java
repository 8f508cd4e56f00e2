package se.vaktpost.hub.lockdown;

/** How an event stands to the state it would change; recorded with every event. */
public enum Order {
    /** The sender had received that state (or a newer one) when it acted. */
    SEEN,
    /** It had not, but its monotonic age puts the act after the state began (by the hub's clock). */
    AFTER,
    /** Its age puts the act before the state began: delivered late, so it must not undo the state. */
    BEFORE,
    /** The sender restarted since it acted and cannot tell; the machine takes the safe side. */
    UNKNOWN
}
