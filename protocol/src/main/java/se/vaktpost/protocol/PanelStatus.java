package se.vaktpost.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Retained presence on {@code .../panels/{panel}/status}. The Last Will carries
 * {@code online=false}; heartbeats repeat {@code online=true} every {@code heartbeatSeconds}.
 */
public record PanelStatus(boolean online, Instant at, int heartbeatSeconds) {
    public PanelStatus {
        Objects.requireNonNull(at, "at");
        if (heartbeatSeconds < 0) {
            throw new IllegalArgumentException("heartbeatSeconds must not be negative");
        }
    }
}
