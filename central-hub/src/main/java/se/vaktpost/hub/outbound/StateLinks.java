package se.vaktpost.hub.outbound;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The connections states go on, each with its own window: a site's states always on the same one
 * (chosen by the site's name, so they stay in order) while it is connected, else on the first, which
 * is also the one that follows the state topics. Owned by the publisher's owner (the hub's core thread).
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

    /**
     * Offers what waits, in its order, to each one's site's link while any link has room: what fits
     * is taken out of {@code waiting} and handed to {@code send} with its link, the rest keeps its place.
     */
    <T> void drain(Iterator<T> waiting, Function<T, String> site, BiConsumer<SendWindow, T> send) {
        while (waiting.hasNext() && anyRoom()) {
            T next = waiting.next();
            SendWindow link = forSite(site.apply(next));
            if (link.hasRoom()) {
                waiting.remove();
                send.accept(link, next);
            }
        }
    }

    /** The window of {@code transport} when it carries states, else null. */
    SendWindow of(ReliablePublisher.Transport transport) {
        return links.stream().filter(l -> l.transport == transport).findFirst().orElse(null);
    }
}
