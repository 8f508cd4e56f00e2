package se.vaktpost.hub.notify;

/**
 * Whether a message not yet delivered has been overtaken by its incident: an escalation (or its
 * notice) once someone acknowledged, an alarm's message once the all-clear ended it. Sent late,
 * it would tell of an alarm after its all-clear. Pure.
 */
public final class Outdated {
    private Outdated() {
    }

    /** Why the message is no longer to be sent; null while it still is. */
    public static String why(NoticeKind kind, int step, boolean acknowledged, boolean closed) {
        boolean escalation = step > 0 || kind == NoticeKind.ESCALATED;
        if (escalation && (acknowledged || closed)) {
            return "not sent: the alarm was acknowledged before it could be delivered";
        }
        boolean opening = kind == NoticeKind.ALARM || kind == NoticeKind.LOCKDOWN || kind == NoticeKind.TAMPER
                || kind == NoticeKind.DRILL_START;
        if (opening && closed) {
            return "not sent: the incident had ended before it could be delivered";
        }
        return null;
    }
}
