package se.vaktpost.protocol;

/** What a panel reports. */
public enum EventType {
    /** Silent hold-up alarm (överfallslarm): nothing sounds at the school. */
    ALARM,
    /** Lockdown (inrymning), after the button was held long enough. */
    LOCKDOWN,
    /** All-clear (faran över) given with the key switch. */
    ALL_CLEAR,
    /** The panel box was opened or a wire cut (sabotage). */
    TAMPER,
    /** A test press; recorded, never opens an incident. */
    TEST
}
