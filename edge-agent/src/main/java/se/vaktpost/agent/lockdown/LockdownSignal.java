package se.vaktpost.agent.lockdown;

import se.vaktpost.agent.lockdown.PanelLockdown.Indication;

/**
 * How the panel's outputs show an indication, tick by tick (one tick = {@link #TICK_MILLIS}).
 * A real lockdown is steady: light on, buzzer on, doors locked. A drill locks the doors too
 * (that is what is practised) but must not be mistaken for the real thing: the light blinks
 * once a second and the buzzer gives a short beep every two seconds.
 */
public record LockdownSignal(boolean light, boolean buzzer, boolean doorsLocked) {
    public static final long TICK_MILLIS = 250;
    private static final LockdownSignal OFF = new LockdownSignal(false, false, false);
    private static final LockdownSignal STEADY = new LockdownSignal(true, true, true);

    public static LockdownSignal at(Indication indication, long tick) {
        if (!(indication instanceof Indication.Locked locked)) {
            return OFF;
        }
        if (!locked.drill()) {
            return STEADY;
        }
        boolean light = tick % 4 < 2;
        boolean beep = tick % 8 == 0;
        return new LockdownSignal(light, beep, true);
    }
}
