package se.vaktpost.hardware;

/** The panel's outputs. */
public enum Output {
    /** Steady: connected; blinking is driven by the agent. */
    STATUS_LED,
    /** Lockdown LED or strobe. */
    LOCKDOWN_LED,
    BUZZER,
    /** Door-lock relay: on means the doors are locked. */
    DOOR_LOCK
}
