package se.vaktpost.protocol;

/** The mode of a whole site as the hub publishes it. */
public enum Mode {
    NORMAL,
    LOCKDOWN
}
