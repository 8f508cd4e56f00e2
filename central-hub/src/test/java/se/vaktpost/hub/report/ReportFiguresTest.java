package se.vaktpost.hub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.report.UnderReporting.Basis;
import se.vaktpost.hub.report.UnderReporting.Finding;
import se.vaktpost.hub.report.UnderReporting.Unit;

class ReportFiguresTest {
    private static List<Duration> seconds(long... s) {
        return java.util.Arrays.stream(s).mapToObj(Duration::ofSeconds).toList();
    }

    @Test
    void medianAndP90ByNearestRankAreValuesThatOccurred() {
        // Sorted: 5 10 20 30 40 50 60 70 80 300; median rank ceil(5) = 5th, p90 rank ceil(9) = 9th.
        List<Duration> acks = seconds(300, 10, 5, 40, 20, 60, 30, 80, 50, 70);
        assertThat(Percentiles.median(acks)).contains(Duration.ofSeconds(40));
        assertThat(Percentiles.p90(acks)).contains(Duration.ofSeconds(80));
        assertThat(Percentiles.median(seconds(7))).contains(Duration.ofSeconds(7));
        assertThat(Percentiles.median(List.of())).isEmpty();
    }

    @Test
    void aSiteFarBelowTheOrganisationsRatePerPupilIsFlaggedForOutreach() {
        // Organisation per pupil: (30 + 20 + 2) / (300 + 200 + 200) = 52 / 700 = 0.0743.
        List<Finding> f = UnderReporting.assess(List.of(
                new Unit("alfa", 300, 2, 30), new Unit("beta", 200, 1, 20), new Unit("gamma", 200, 1, 2)));
        assertThat(f).extracting(Finding::site, Finding::flagged)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alfa", false),
                        org.assertj.core.groups.Tuple.tuple("beta", false),
                        org.assertj.core.groups.Tuple.tuple("gamma", true));
        assertThat(f.get(2).rate()).isCloseTo(0.01, within(1e-9));
        assertThat(f.get(2).organisationRate()).isCloseTo(52.0 / 700, within(1e-9));
    }

    @Test
    void withoutAPupilCountASiteIsComparedPerPanel() {
        // Per panel over all sites: (10 + 0) / (2 + 3) = 2 per panel; delta has 0 of 3 panels.
        List<Finding> f = UnderReporting.assess(List.of(new Unit("alfa", 100, 2, 10), new Unit("delta", null, 3, 0)));
        Finding delta = f.get(1);
        assertThat(delta.basis()).isEqualTo(Basis.PER_PANEL);
        assertThat(delta.organisationRate()).isCloseTo(2.0, within(1e-9));
        assertThat(delta.flagged()).isTrue();
        assertThat(f.get(0).flagged()).as("the only per-pupil site is the organisation").isFalse();
    }

    @Test
    void whenNobodyReportsAnythingNoSiteIsSingledOut() {
        assertThat(UnderReporting.assess(List.of(new Unit("a", 100, 1, 0), new Unit("b", 50, 1, 0))))
                .noneMatch(Finding::flagged);
    }
}
