package se.vaktpost.hub.notify;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of a notification, Swedish by default. A drill's every message begins with ÖVNING
 * (EXERCISE), so nobody takes it for real; a real alarm's never does.
 */
public final class Messages {
    private final boolean swedish;
    private final ZoneId zone;

    public Messages(String language, ZoneId zone) {
        this.swedish = !"en".equals(language);
        this.zone = zone;
    }

    /** Title and body; {@code step} > 0 for an escalation step. */
    public record Message(String title, String body) {
    }

    public Message render(Notice n, String siteName, String panelName, int step) {
        String what = what(n);
        String mark = n.drill() ? (swedish ? "ÖVNING – " : "EXERCISE – ") : "";
        String late = step > 0 ? (swedish ? "Ej kvitterat – " : "Not acknowledged – ") : "";
        String title = mark + late + what + ": " + siteName;
        String when = DateTimeFormatter.ofPattern(swedish ? "'kl.' HH:mm 'den' d MMMM yyyy" : "'at' HH:mm 'on' d MMMM yyyy",
                swedish ? Locale.forLanguageTag("sv-SE") : Locale.UK).format(n.hubAt().atZone(zone));
        StringBuilder body = new StringBuilder(mark).append(what).append(", ").append(siteName);
        if (panelName != null) {
            body.append(" (").append(panelName).append(')');
        } else if (n.kind() == NoticeKind.PANEL_OFFLINE) {
            body.append(swedish ? " (flera paneler)" : " (several panels)");
        }
        body.append(", ").append(when).append('.');
        if (n.drill()) {
            body.append(swedish ? " Detta är en övning." : " This is an exercise.");
        }
        if (step > 0) {
            body.append(swedish ? " Ingen har kvitterat larmet ännu." : " Nobody has acknowledged the alarm yet.");
        }
        return new Message(title, body.toString());
    }

    private String what(Notice n) {
        String incident = n.incidentKind() == null ? "" : n.incidentKind();
        return switch (n.kind()) {
            case ALARM -> swedish ? "Överfallslarm" : "Silent alarm";
            case LOCKDOWN -> swedish ? "Inrymning" : "Lockdown";
            case TAMPER -> swedish ? "Sabotagelarm" : "Tamper alarm";
            case DRILL_START -> (swedish ? "Övning startad: " : "Drill started: ") + incidentName(incident);
            case DRILL_END -> (swedish ? "Övning avslutad: " : "Drill ended: ") + incidentName(incident);
            case ALL_CLEAR -> (swedish ? "Faran över: " : "All clear: ") + incidentName(incident);
            case ESCALATED -> (swedish ? "Ej kvitterat i tid: " : "Not acknowledged in time: ") + incidentName(incident);
            case PANEL_OFFLINE -> swedish ? "Panel ur drift" : "Panel offline";
        };
    }

    private String incidentName(String kind) {
        return switch (kind) {
            case "ALARM" -> swedish ? "överfallslarm" : "silent alarm";
            case "LOCKDOWN" -> swedish ? "inrymning" : "lockdown";
            case "TAMPER" -> swedish ? "sabotagelarm" : "tamper alarm";
            default -> swedish ? "larm" : "alarm";
        };
    }
}
