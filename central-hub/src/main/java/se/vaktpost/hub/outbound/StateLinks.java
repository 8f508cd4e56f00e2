package se.vaktpost.hub.outbound;

import java.util.List;

/**
 * The connections states go on, each with its own window: a site's states always on the same one
 * (chosen by the site's name, so they stay in order) while it is connected, else on the first, which
 * is also the one that follows the state topics. Owned by the publisher's thread.
 */
final class StateLinks {
    private final List<SendWindow> links;

    StateLinks(List<ReliablePublisher.Transport> transports, int window) {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("states need at least one connection");
        }
        this.links = transports.stream().map(t -> new SendWindow(t, window)).toList();
    }

    SendWindow first() {
        return links.get(0);
    }

    SendWindow forSite(String site) {
        SendWindow own = links.get(Math.floorMod(site.hashCode(), links.size()));
        return own.transport.connected() ? own : first();
    }

    /** Whether any state may go now (a site whose link is down goes on the first). */
    boolean anyRoom() {
        for (SendWindow link : links) {
            if (link.hasRoom()) {
                return true;
            }
        }
        return false;
    }

    /** The window of {@code transport} when it carries states, else null. */
    SendWindow of(ReliablePublisher.Transport transport) {
        return links.stream().filter(l -> l.transport == transport).findFirst().orElse(null);
    }
}
