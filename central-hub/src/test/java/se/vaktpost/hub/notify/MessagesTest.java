package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Instant T = Instant.parse("2026-12-02T06:40:00Z");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static Notice notice(NoticeKind kind, String incidentKind, boolean drill) {
        return new Notice(1, "i", "ekbacken", kind, incidentKind, drill, "reception", T);
    }

    @Test
    void aRealAlarmSaysWhatWhereAndWhenInSwedishByTheSchoolsClock() {
        Messages.Message m = new Messages("sv", STOCKHOLM).render(notice(NoticeKind.ALARM, "ALARM", false),
                "Ekbackens skola", "Expedition", 0);

        assertThat(m.title()).isEqualTo("Överfallslarm: Ekbackens skola");
        assertThat(m.body()).isEqualTo("Överfallslarm, Ekbackens skola (Expedition), kl. 07:40 den 2 december 2026.");
    }

    @Test
    void everyMessageOfADrillBeginsWithOvningAndNoRealOneDoes() {
        Messages sv = new Messages("sv", STOCKHOLM);
        for (NoticeKind k : NoticeKind.values()) {
            Messages.Message drill = sv.render(notice(k, "LOCKDOWN", true), "Ekbackens skola", null, 0);
            Messages.Message real = sv.render(notice(k, "LOCKDOWN", false), "Ekbackens skola", null, 0);
            Messages.Message late = sv.render(notice(k, "LOCKDOWN", true), "Ekbackens skola", null, 1);
            assertThat(drill.title()).startsWith("ÖVNING – ");
            assertThat(drill.body()).startsWith("ÖVNING – ").endsWith("Detta är en övning.");
            assertThat(late.title()).startsWith("ÖVNING – Ej kvitterat – ");
            if (k != NoticeKind.DRILL_START && k != NoticeKind.DRILL_END) { // only ever drills
                assertThat(real.title() + real.body()).doesNotContainIgnoringCase("övning");
            }
        }
    }

    @Test
    void englishOnRequest() {
        Messages.Message m = new Messages("en", STOCKHOLM).render(notice(NoticeKind.DRILL_START, "LOCKDOWN", true),
                "Ekbacken School", null, 0);

        assertThat(m.title()).isEqualTo("EXERCISE – Drill started: lockdown: Ekbacken School");
        assertThat(m.body()).contains("at 07:40 on 2 December 2026").endsWith("This is an exercise.");
    }
}
