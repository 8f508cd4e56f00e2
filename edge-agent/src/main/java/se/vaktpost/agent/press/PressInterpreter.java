package se.vaktpost.agent.press;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import se.vaktpost.agent.time.Scheduler;
import se.vaktpost.hardware.Input;
import se.vaktpost.protocol.EventType;

/**
 * Turns raw input edges into panel events. An edge counts once the input has stayed at its new
 * level for the debounce time; lockdown needs the button held for the hold time, so a brush
 * against it does not lock a school. Single-threaded: call from the panel loop.
 */
public final class PressInterpreter {

    /** What the interpreter tells the panel. */
    public interface Listener {
        void report(EventType type);

        /** Lockdown button is down and the hold has begun: immediate local feedback. */
        default void holdStarted() {
        }

        /** Released before the hold time: no lockdown. */
        default void holdAborted() {
        }
    }

    public record Settings(Duration debounce, Duration lockdownHold) {
        public Settings {
            if (debounce.isNegative() || lockdownHold.isNegative()) {
                throw new IllegalArgumentException("debounce and hold must not be negative");
            }
        }
    }

    private final Scheduler scheduler;
    private final Settings settings;
    private final Listener listener;
    private final Map<Input, Boolean> stable = new EnumMap<>(Input.class);
    private final Map<Input, Scheduler.Cancellable> settling = new EnumMap<>(Input.class);
    private Scheduler.Cancellable hold;

    public PressInterpreter(Scheduler scheduler, Settings settings, Listener listener) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.listener = listener;
        for (Input in : Input.values()) {
            stable.put(in, false);
        }
    }

    /** A raw level change from the board. */
    public void edge(Input input, boolean active) {
        Scheduler.Cancellable previous = settling.remove(input);
        if (previous != null) {
            previous.cancel();
        }
        if (settings.debounce().isZero()) {
            settle(input, active);
        } else {
            settling.put(input, scheduler.schedule(settings.debounce(), () -> {
                settling.remove(input);
                settle(input, active);
            }));
        }
    }

    public boolean isHeld(Input input) {
        return stable.get(input);
    }

    private void settle(Input input, boolean active) {
        if (stable.put(input, active) == active) {
            return;
        }
        switch (input) {
            case ALARM_BUTTON -> {
                if (active) {
                    listener.report(EventType.ALARM);
                }
            }
            case LOCKDOWN_BUTTON -> lockdownButton(active);
            case ALL_CLEAR_KEY -> {
                if (active) {
                    listener.report(EventType.ALL_CLEAR);
                }
            }
            case TAMPER_SWITCH -> {
                if (active) {
                    listener.report(EventType.TAMPER);
                }
            }
        }
    }

    private void lockdownButton(boolean down) {
        if (down) {
            listener.holdStarted();
            hold = scheduler.schedule(settings.lockdownHold(), () -> {
                hold = null;
                if (stable.get(Input.LOCKDOWN_BUTTON)) {
                    listener.report(EventType.LOCKDOWN);
                }
            });
        } else if (hold != null) {
            hold.cancel();
            hold = null;
            listener.holdAborted();
        }
    }
}
