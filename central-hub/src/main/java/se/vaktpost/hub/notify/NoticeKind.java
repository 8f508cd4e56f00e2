package se.vaktpost.hub.notify;

/** What a notice is about: the kinds a route or escalation names. */
public enum NoticeKind {
    /** A real silent alarm (överfallslarm). */
    ALARM,
    /** A real lockdown (inrymning). */
    LOCKDOWN,
    /** A panel's box opened or a wire cut (sabotage). */
    TAMPER,
    /** A drill began (any kind; messages say ÖVNING). */
    DRILL_START,
    /** A drill ended. */
    DRILL_END,
    /** A real incident ended with the all-clear (faran över). */
    ALL_CLEAR,
    /** Nobody acknowledged an alarm or lockdown in time (hub.acknowledgeWithinSeconds). */
    ESCALATED,
    /** A panel stayed offline. */
    PANEL_OFFLINE
}
