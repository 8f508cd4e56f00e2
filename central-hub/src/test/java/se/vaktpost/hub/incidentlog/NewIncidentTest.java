package se.vaktpost.hub.incidentlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewIncidentTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static NewIncident incident(Category c, int severity, Instant at, LocalDate followUp) {
        return new NewIncident("alfa", c, severity, at, "beskrivning", Set.of("konflikt"), null, followUp);
    }

    @Test
    void followUpDefaultsToAWeekAfterTheSchoolsLocalDay() {
        // 23:30 UTC on 1 March is already 2 March in Stockholm.
        NewIncident n = incident(Category.NEAR_MISS, 1, Instant.parse("2026-03-01T23:30:00Z"), null);
        assertThat(n.followUp(STOCKHOLM)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(n.step()).isEqualTo(LadderStep.STEP_1);
    }

    @Test
    void aGivenFollowUpDateIsKept() {
        LocalDate date = LocalDate.of(2026, 4, 1);
        assertThat(incident(Category.FIRE, 4, Instant.now(), date).followUp(STOCKHOLM)).isEqualTo(date);
    }

    @Test
    void panelCategoriesAndOutOfRangeSeverityAreRefused() {
        assertThatThrownBy(() -> incident(Category.LOCKDOWN, 2, Instant.now(), null)).hasMessageContaining("panels");
        assertThatThrownBy(() -> incident(Category.FIRE, 0, Instant.now(), null)).hasMessageContaining("severity");
        assertThatThrownBy(() -> new NewIncident("alfa", Category.FIRE, 2, Instant.now(), " ", Set.of(), null, null))
                .hasMessageContaining("description");
    }

    @Test
    void statusMovesForwardOnlyAndAnUpdateKeepsWhatItDoesNotName() {
        LogEntry e = new LogEntry("i1", "alfa", Category.DRUGS, 3, "2026-01-01T10:00:00Z", false, "d",
                CaseStatus.INVESTIGATING, 2, "2026-01-08", null, null, null, List.of());
        LogEntry after = new CaseUpdate(CaseStatus.MEASURES, null, null, "samtal").applyTo(e);
        assertThat(after.status()).isEqualTo(CaseStatus.MEASURES);
        assertThat(after.ladderStep()).isEqualTo(2);
        assertThat(after.followUpOn()).isEqualTo("2026-01-08");
        assertThat(after.measures()).isEqualTo("samtal");
        assertThatThrownBy(() -> new CaseUpdate(CaseStatus.REPORTED, null, null, null).applyTo(e))
                .hasMessageContaining("forward");
    }

    @Test
    void theLadderNamesTheResponsibleRoleOfEachStep() {
        assertThat(LadderStep.of(3).responsible(java.util.Locale.forLanguageTag("sv"))).isEqualTo("Trygghetsgruppen");
        assertThat(LadderStep.of(5).responsible(java.util.Locale.ENGLISH)).contains("organiser");
        assertThatThrownBy(() -> LadderStep.of(6)).hasMessageContaining("1 to 5");
    }
}
