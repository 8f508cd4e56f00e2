package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutdatedTest {
    @ParameterizedTest(name = "{0} step {1}, acknowledged {2}, closed {3}: sent {4}")
    @CsvSource({
        // an escalation stops at the first acknowledgement, and at the all-clear
        "ALARM, 1, true, false, false", "LOCKDOWN, 2, false, true, false", "ALARM, 1, false, false, true",
        "ESCALATED, 0, true, false, false", "ESCALATED, 0, false, false, true",
        // an alarm's own message still goes once acknowledged, never after its all-clear
        "ALARM, 0, true, false, true", "ALARM, 0, false, true, false", "LOCKDOWN, 0, false, true, false",
        "TAMPER, 0, true, true, false", "DRILL_START, 0, false, true, false", "DRILL_START, 0, true, false, true",
        // the end of an incident, and outages, always go
        "ALL_CLEAR, 0, true, true, true", "DRILL_END, 0, true, true, true", "PANEL_OFFLINE, 0, false, false, true"
    })
    void aMessageOvertakenByItsIncidentIsNotSent(NoticeKind kind, int step, boolean acknowledged, boolean closed, boolean sent) {
        assertThat(Outdated.why(kind, step, acknowledged, closed) == null).isEqualTo(sent);
    }
}
