package se.vaktpost.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * Hub to panel: the event with this id is durably recorded. {@code incident} is null for events
 * that belong to none; {@code version} is the site's state version once the event was applied,
 * so the panel knows which all-clear ends the lockdown it raised itself.
 */
public record EventAck(UUID id, String incident, long version) {
    public EventAck {
        Objects.requireNonNull(id, "id");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }
}
