package se.vaktpost.hub.notify.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.Notice;
import se.vaktpost.hub.notify.NoticeKind;
import se.vaktpost.hub.notify.Sender.Outgoing;

/** Every kind of notice as CAP 1.2, checked against the OASIS schema (test resource cap/CAP-v1.2.xsd). */
class CapAlertTest {
    private static final Instant T = Instant.parse("2026-12-02T06:40:00.123Z");
    private static Schema schema;

    @BeforeAll
    static void schema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        var xsd = CapAlertTest.class.getResource("/cap/CAP-v1.2.xsd");
        schema = f.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
    }

    private static List<String> errors(String xml) throws Exception {
        List<String> errors = new ArrayList<>();
        Validator v = schema.newValidator();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getMessage());
            }
        });
        v.validate(new StreamSource(new StringReader(xml)));
        return errors;
    }

    private static Outgoing outgoing(NoticeKind kind, String incidentKind, boolean drill) {
        Notice n = new Notice(42, "inc-1", "ekbacken", kind, incidentKind, drill, "reception", T);
        return new Outgoing(9, "n42:s0:WEBHOOK:larmcentral", Channel.WEBHOOK, "larmcentral", "Inrymning: Ekbackens skola",
                "Inrymning, Ekbackens skola (Reception) <&>, kl. 07:40.", n, "Ekbackens skola", "https://vaktpost.example/#incident=inc-1");
    }

    @Test
    void everyKindIsValidCap12() throws Exception {
        for (NoticeKind k : NoticeKind.values()) {
            for (boolean drill : new boolean[] {false, true}) {
                String xml = CapAlert.of(outgoing(k, "LOCKDOWN", drill), "vaktpost@kommun.se", ZoneId.of("Europe/Stockholm"), "sv");
                assertThat(errors(xml)).as(k + " drill=" + drill + "\n" + xml).isEmpty();
            }
        }
    }

    @Test
    void aLockdownIsAnActualAlertToShelterADrillAnExerciseAndTimesAreTheHubsInCapsForm() {
        String real = CapAlert.of(outgoing(NoticeKind.LOCKDOWN, "LOCKDOWN", false), "vaktpost", ZoneId.of("Europe/Stockholm"), "sv");
        String drill = CapAlert.of(outgoing(NoticeKind.DRILL_START, "LOCKDOWN", true), "vaktpost", ZoneId.of("Europe/Stockholm"), "sv");
        String clear = CapAlert.of(outgoing(NoticeKind.ALL_CLEAR, "LOCKDOWN", false), "vaktpost", ZoneId.of("UTC"), "sv");

        assertThat(real).contains("<status>Actual</status>", "<msgType>Alert</msgType>", "<responseType>Shelter</responseType>",
                "<severity>Extreme</severity>", "<sent>2026-12-02T07:40:00+01:00</sent>", "<incidents>inc-1</incidents>",
                "<areaDesc>Ekbackens skola</areaDesc>", "&lt;&amp;&gt;");
        assertThat(drill).contains("<status>Exercise</status>").doesNotContain("<status>Actual</status>");
        assertThat(clear).contains("<msgType>Update</msgType>", "<responseType>AllClear</responseType>",
                "<sent>2026-12-02T06:40:00-00:00</sent>");
    }
}
