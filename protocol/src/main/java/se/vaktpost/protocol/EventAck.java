package se.vaktpost.protocol;

import java.util.Objects;
import java.util.UUID;

/** Hub to panel: the event with this id is durably recorded. {@code incident} is null for events that open none. */
public record EventAck(UUID id, String incident) {
    public EventAck {
        Objects.requireNonNull(id, "id");
    }
}
