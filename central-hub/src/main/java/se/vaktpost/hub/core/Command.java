package se.vaktpost.hub.core;

import java.util.Optional;
import java.util.function.Predicate;
import se.vaktpost.hub.lockdown.Decision;

/**
 * What a signed-in user asks the core to do. The answer comes back asynchronously; {@code allowed}
 * checks the incident's site against the user's rights on the core thread, where the incident is
 * looked up.
 *
 * @param <R> the answer's type
 */
public sealed interface Command<R> {

    /** A lockdown or a drill at {@code site}. */
    record Lockdown(String site, boolean drill) implements Command<Decision> {
    }

    record AllClear(String site) implements Command<Decision> {
    }

    /** Empty when there is no such incident (or it is not allowed); true when this was the first acknowledgement. */
    record Acknowledge(String incident, String by, Predicate<String> allowed) implements Command<Optional<Boolean>> {
    }

    /** False when there is no such incident (or it is not allowed). */
    record Note(String incident, String author, String text, Predicate<String> allowed) implements Command<Boolean> {
    }

    /** Ticks checklist item {@code index}; empty when there is no such incident, true when this was the first tick. */
    record Tick(String incident, int index, String by, Predicate<String> allowed) implements Command<Optional<Boolean>> {
    }

    /** Thrown (as the future's cause) when the core's queue is full: the caller should retry shortly. */
    final class Busy extends RuntimeException {
        public Busy() {
            super("the hub is busy recording alarms; try again in a moment");
        }
    }

    /** Keeps the generic type of a command with its answer through the untyped queue. */
    record Pending<R>(Command<R> command, java.util.concurrent.CompletableFuture<R> answer) {
    }
}
