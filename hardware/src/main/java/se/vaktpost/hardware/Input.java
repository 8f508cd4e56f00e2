package se.vaktpost.hardware;

/** The panel's inputs. */
public enum Input {
    /** Silent hold-up alarm button (överfallslarm). */
    ALARM_BUTTON,
    /** Lockdown button (inrymning); must be held. */
    LOCKDOWN_BUTTON,
    /** Key switch for the all-clear (faran över). */
    ALL_CLEAR_KEY,
    /** Closed while the box is shut; opening it or cutting the wire is tamper. */
    TAMPER_SWITCH
}
