package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Retained presence on {@code .../panels/{panel}/status}. The Last Will carries
 * {@code online=false}; heartbeats repeat {@code online=true} every {@code heartbeatSeconds} and
 * say how the panel is ({@code health}; null in a Last Will and from panels that do not say it).
 */
public record PanelStatus(boolean online, Instant at, int heartbeatSeconds, PanelHealth health) {
    public PanelStatus(boolean online, Instant at, int heartbeatSeconds) {
        this(online, at, heartbeatSeconds, null);
    }

    public PanelStatus {
        Objects.requireNonNull(at, "at");
        if (heartbeatSeconds < 0) {
            throw new IllegalArgumentException("heartbeatSeconds must not be negative");
        }
    }
}
