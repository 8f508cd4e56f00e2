package se.vaktpost.hub.lockdown;

/**
 * What one panel event does to a site: the next mode, the incident the event belongs to (null if
 * none) and whether that incident is new or now closed.
 */
public record Decision(SiteMode next, String incident, Change change) {

    /** The incident change an event causes. */
    public enum Change { NONE, OPENED, JOINED, CLOSED }

    public boolean modeChanged(SiteMode before) {
        return !before.equals(next);
    }
}
