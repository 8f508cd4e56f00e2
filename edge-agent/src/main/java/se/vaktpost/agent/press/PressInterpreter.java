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
 * against it does not lock a school. Single-threaded: call from the panel loop. Every duration is
 * measured from when each edge happened (its monotonic time, taken where the board reported it),
 * not from when the loop got to it: a loop busy with a TLS handshake or a disk write must never
 * turn a real press into a "bounce", nor a held button into an aborted hold.
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
    private final Map<Input, Pending> settling = new EnumMap<>(Input.class);
    private Scheduler.Cancellable hold;
    /** When the lockdown button's press settled (monotonic ns); meaningful while {@link #hold} is set. */
    private long holdSince;

    /** A level waiting out its debounce: what, since when, and the task that settles it. */
    private record Pending(boolean active, long atNanos, Scheduler.Cancellable task) {
    }

    public PressInterpreter(Scheduler scheduler, Settings settings, Listener listener) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.listener = listener;
        for (Input in : Input.values()) {
            stable.put(in, false);
        }
    }

    /** A raw level change from the board, happening now. */
    public void edge(Input input, boolean active) {
        edge(input, active, scheduler.nanoTime());
    }

    /** A raw level change from the board that happened at {@code atNanos} (monotonic), perhaps a while ago. */
    public void edge(Input input, boolean active, long atNanos) {
        long debounce = settings.debounce().toNanos();
        Pending previous = settling.remove(input);
        if (previous != null) {
            previous.task().cancel();
            if (atNanos - previous.atNanos() >= debounce) {
                // it had held its level long enough before this edge; the loop only saw both late
                settle(input, previous.active(), previous.atNanos() + debounce);
            }
        }
        if (debounce == 0) {
            settle(input, active, atNanos);
            return;
        }
        long due = Math.max(0, atNanos + debounce - scheduler.nanoTime());
        Scheduler.Cancellable task = scheduler.schedule(Duration.ofNanos(due), () -> {
            settling.remove(input);
            settle(input, active, atNanos + debounce);
        });
        settling.put(input, new Pending(active, atNanos, task));
    }

    public boolean isHeld(Input input) {
        return stable.get(input);
    }

    private void settle(Input input, boolean active, long atNanos) {
        if (stable.put(input, active) == active) {
            return;
        }
        switch (input) {
            case ALARM_BUTTON -> {
                if (active) {
                    listener.report(EventType.ALARM);
                }
            }
            case LOCKDOWN_BUTTON -> lockdownButton(active, atNanos);
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

    /**
     * The hold time has passed since the press. A release that happened before that and still waits
     * out its debounce decides first (a bounce keeps the hold; a release ends it); otherwise it locks.
     */
    private void holdEnds() {
        Pending p = settling.get(Input.LOCKDOWN_BUTTON);
        if (p != null && !p.active() && p.atNanos() < holdSince + settings.lockdownHold().toNanos()) {
            long due = Math.max(0, p.atNanos() + settings.debounce().toNanos() - scheduler.nanoTime());
            hold = scheduler.schedule(Duration.ofNanos(due), this::holdEnds);
            return;
        }
        hold = null;
        if (stable.get(Input.LOCKDOWN_BUTTON)) {
            listener.report(EventType.LOCKDOWN);
        }
    }

    private void lockdownButton(boolean down, long atNanos) {
        long needed = settings.lockdownHold().toNanos();
        if (down) {
            listener.holdStarted();
            holdSince = atNanos;
            hold = scheduler.schedule(Duration.ofNanos(Math.max(0, atNanos + needed - scheduler.nanoTime())), this::holdEnds);
        } else if (hold != null) {
            hold.cancel();
            hold = null;
            if (atNanos - holdSince >= needed) {
                listener.report(EventType.LOCKDOWN); // held long enough; released before the loop saw the hold end
            } else {
                listener.holdAborted();
            }
        }
    }
}
