package se.vaktpost.hub.core;

/**
 * How the core's thread is scheduled. It is urgent while it waits for input (so that an alarm wakes
 * it ahead of the machine's other work) and while it handles any input but one: the events of a
 * panel beyond its rate, which it records as background work, so that a flooding panel cannot take
 * a core from the broker. Presence stays urgent: an alarm that came while the core wrote presence
 * at a lower priority waited behind that write for a core (docs/performance.md, twentieth session).
 * Called by the core's thread only, before each input; an implementation acts only when the kind
 * changes.
 */
public interface CorePriority {
    void urgent();

    void background();

    /** Scheduled as any other thread, all the time. */
    CorePriority NONE = new CorePriority() {
        @Override
        public void urgent() {
        }

        @Override
        public void background() {
        }
    };
}
