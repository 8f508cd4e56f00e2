package se.vaktpost.hub.notify.channels;

import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import se.vaktpost.hub.notify.NoticeKind;
import se.vaktpost.hub.notify.Sender.Outgoing;

/**
 * An OASIS CAP 1.2 alert for a notice, so signage, PA systems and alarm centres that speak CAP can
 * follow. Every message of one incident names it in {@code incidents}; a drill is an
 * {@code Exercise}, never {@code Actual}. Times are the hub's, in CAP's form (offset, no "Z").
 */
public final class CapAlert {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapAlert() {
    }

    /** {@code sender}: this hub's CAP sender id (e.g. vaktpost@kommun.se); {@code zone}: the schools' zone. */
    public static String of(Outgoing m, String sender, ZoneId zone, String language) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("alert");
            x.writeDefaultNamespace(NAMESPACE);
            text(x, "identifier", "vaktpost-" + m.key().replaceAll("[^A-Za-z0-9.:_-]", "-"));
            text(x, "sender", sender);
            text(x, "sent", time(m.notice().hubAt(), zone));
            text(x, "status", m.notice().drill() ? "Exercise" : "Actual");
            text(x, "msgType", opens(m.notice().kind()) ? "Alert" : "Update");
            text(x, "scope", "Restricted");
            text(x, "restriction", "Skolans säkerhetsorganisation och larmmottagare");
            if (m.notice().incident() != null) {
                text(x, "incidents", m.notice().incident());
            }
            x.writeStartElement("info");
            text(x, "language", "en".equals(language) ? "en-GB" : "sv-SE");
            text(x, "category", "Security");
            text(x, "event", m.title());
            text(x, "responseType", response(m.notice().kind(), m.notice().incidentKind()));
            boolean outage = m.notice().kind() == NoticeKind.PANEL_OFFLINE; // a fault to mend, not a threat
            text(x, "urgency", ends(m.notice().kind()) ? "Past" : outage ? "Expected" : "Immediate");
            text(x, "severity", ends(m.notice().kind()) || outage ? "Minor"
                    : "LOCKDOWN".equals(m.notice().incidentKind()) ? "Extreme" : "Severe");
            text(x, "certainty", "Observed");
            text(x, "senderName", "Vaktpost");
            text(x, "headline", m.title());
            text(x, "description", m.body());
            if (m.link() != null) {
                text(x, "web", m.link());
            }
            parameter(x, "vaktpost:site", m.notice().site());
            parameter(x, "vaktpost:kind", m.notice().kind().name());
            if (m.notice().panel() != null) {
                parameter(x, "vaktpost:panel", m.notice().panel());
            }
            x.writeStartElement("area");
            text(x, "areaDesc", m.siteName());
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write a CAP alert", e);
        }
    }

    /** CAP's form: whole seconds, a numeric offset, never "Z"; UTC is written -00:00 (CAP 1.2, 3.3.2). */
    static String time(java.time.Instant at, ZoneId zone) {
        String s = CAP_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
        return s.endsWith("+00:00") ? s.substring(0, s.length() - 6) + "-00:00" : s;
    }

    private static boolean opens(NoticeKind k) {
        return k == NoticeKind.ALARM || k == NoticeKind.LOCKDOWN || k == NoticeKind.TAMPER || k == NoticeKind.DRILL_START
                || k == NoticeKind.PANEL_OFFLINE;
    }

    private static boolean ends(NoticeKind k) {
        return k == NoticeKind.ALL_CLEAR || k == NoticeKind.DRILL_END;
    }

    /** Lockdown: shelter where you are; the end of one: all clear; anything else: follow it. */
    private static String response(NoticeKind k, String incidentKind) {
        if (ends(k)) {
            return "AllClear";
        }
        return "LOCKDOWN".equals(incidentKind) && k != NoticeKind.ESCALATED ? "Shelter" : "Monitor";
    }

    private static void parameter(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement("parameter");
        text(x, "valueName", name);
        text(x, "value", value);
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
