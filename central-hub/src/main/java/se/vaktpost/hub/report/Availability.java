package se.vaktpost.hub.report;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Share of time panels were online, from supervision changes. Time before a panel's first known
 * state is not counted either way: it is unknown, not offline.
 */
public final class Availability {

    /** Online and known time of a panel or a group of panels, in milliseconds. */
    public record Share(long onlineMs, long knownMs) {
        public static final Share NONE = new Share(0, 0);

        public Share plus(Share o) {
            return new Share(onlineMs + o.onlineMs, knownMs + o.knownMs);
        }

        /** Percent of known time online; empty when nothing is known. */
        public Optional<Double> percent() {
            return knownMs == 0 ? Optional.empty() : Optional.of(100.0 * onlineMs / knownMs);
        }
    }

    private Availability() {
    }

    /**
     * @param changes every change in [start, end) in time order, preceded by a row with each panel's
     *                state when the period began (at any time before start: it is clipped to start)
     * @return share per site
     */
    public static Map<String, Share> bySite(List<Facts.PresenceChange> changes, Instant start, Instant end) {
        record Panel(String site, String panel) {
        }
        Map<Panel, Facts.PresenceChange> last = new HashMap<>();
        Map<String, Share> out = new HashMap<>();
        for (Facts.PresenceChange c : changes) {
            Panel p = new Panel(c.site(), c.panel());
            Facts.PresenceChange before = last.put(p, c);
            if (before != null) {
                out.merge(p.site(), span(before, c.hubAt(), start, end), Share::plus);
            }
        }
        for (Facts.PresenceChange c : last.values()) {
            out.merge(c.site(), span(c, end, start, end), Share::plus);
        }
        return out;
    }

    /** The state {@code from} held from its time until {@code to}, clipped to [start, end). */
    private static Share span(Facts.PresenceChange from, Instant to, Instant start, Instant end) {
        // supervision times are the hub's (stamped when the hub saw the change), never a panel's clock
        Instant a = from.hubAt().isBefore(start) ? start : from.hubAt();
        Instant b = to.isAfter(end) ? end : to;
        long ms = Math.max(0, b.toEpochMilli() - a.toEpochMilli());
        return new Share(from.online() ? ms : 0, ms);
    }
}
