package se.vaktpost.hub.notify;

import java.util.concurrent.CompletionStage;

/**
 * One channel's adapter. {@code send} never blocks its caller (the notifier thread): it answers
 * asynchronously, and a slow or dead channel holds back nothing but its own messages.
 */
public interface Sender {
    Channel channel();

    CompletionStage<Outcome> send(Outgoing message);

    /** A message as it leaves: the delivery's id and key (the receiver's idempotency key) and what it says. */
    record Outgoing(long id, String key, Channel channel, String address, String title, String body, Notice notice,
                    String siteName, String link) {
    }

    sealed interface Outcome {
        /** {@code permanent}: trying again cannot help (a refused address, a 4xx answer). */
        record Failed(String why, boolean permanent) implements Outcome {
        }

        record Sent() implements Outcome {
        }

        static Outcome sent() {
            return new Sent();
        }

        static Outcome failed(String why, boolean permanent) {
            return new Failed(why, permanent);
        }
    }
}
