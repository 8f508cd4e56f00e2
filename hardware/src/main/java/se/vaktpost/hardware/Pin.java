package se.vaktpost.hardware;

/**
 * One GPIO line. {@code activeLow}: the logical "on"/"pressed" is electrical LOW (buttons to
 * ground with pull-up; active-low relay boards). {@code debounceMicros} applies to inputs only.
 */
public record Pin(int bcm, boolean activeLow, long debounceMicros) {
    public Pin {
        if (bcm < 0 || bcm > 27) {
            throw new IllegalArgumentException("BCM pin must be 0..27 on a Raspberry Pi header: " + bcm);
        }
        if (debounceMicros < 0) {
            throw new IllegalArgumentException("debounce must not be negative");
        }
    }
}
