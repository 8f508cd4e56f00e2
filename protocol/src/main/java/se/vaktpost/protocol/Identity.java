package se.vaktpost.protocol;

import java.util.Optional;

/** Checks that a message body speaks for the panel whose topic it came on. */
public final class Identity {
    private Identity() {
    }

    /** Empty when the event's site and panel match the topic; otherwise why not. */
    public static Optional<String> mismatch(Topics.Address topic, PanelEvent event) {
        if (!topic.site().equals(event.site()) || !topic.panel().equals(event.panel())) {
            return Optional.of("topic " + topic.site() + "/" + topic.panel()
                    + " carries body " + event.site() + "/" + event.panel());
        }
        return Optional.empty();
    }
}
