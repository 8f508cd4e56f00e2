package se.vaktpost.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.registry.SiteRegistry;

class SiteSeriesTest {
    private final List<SiteRegistry.SiteInfo> sites = List.of(
            new SiteRegistry.SiteInfo("alfa", "Alfaskolan", null,
                    List.of(new SiteRegistry.PanelInfo("a1", "A1"), new SiteRegistry.PanelInfo("a2", "A2"))),
            new SiteRegistry.SiteInfo("beta", "Betaskolan", null, List.of(new SiteRegistry.PanelInfo("b1", "B1"))));
    private final AtomicInteger reads = new AtomicInteger();
    private final PrometheusRegistry registry = new PrometheusRegistry();

    SiteSeriesTest() {
        Map<String, Double> online = Map.of("alfa", 1.0, "beta", 0.0);
        Map<String, Double> age = Map.of("alfa", 0.0, "beta", 125.5);
        registry.register(new SiteSeries(sites, id -> {
            reads.incrementAndGet();
            return online.get(id);
        }, age::get));
    }

    @Test
    void eachSiteHasItsPanelsItsPanelsOnlineAndItsOldestUnacknowledgedAlarm() {
        MetricSnapshots all = registry.scrape();
        assertThat(values(all, "vaktpost_hub_site_panels")).containsExactly(2.0, 1.0);
        assertThat(values(all, "vaktpost_hub_site_panels_online")).containsExactly(1.0, 0.0);
        assertThat(values(all, "vaktpost_hub_unacknowledged_alarm_age_seconds")).containsExactly(0.0, 125.5);
        assertThat(site(all, "vaktpost_hub_site_panels", 1)).isEqualTo("beta");
    }

    @Test
    void aScrapeOfOtherSeriesReadsNoSite() {
        MetricSnapshots one = registry.scrape(name -> name.equals("vaktpost_hub_panels_online"));
        assertThat(one.size()).isZero();
        assertThat(reads).as("the site series were not collected").hasValue(0);

        assertThat(registry.scrape(name -> name.equals("vaktpost_hub_site_panels_online")).size()).isPositive();
        assertThat(reads).as("asked for by name, they are").hasValue(2);
    }

    private static List<Double> values(MetricSnapshots snapshots, String name) {
        return gauge(snapshots, name).getDataPoints().stream().map(GaugeSnapshot.GaugeDataPointSnapshot::getValue).toList();
    }

    private static String site(MetricSnapshots snapshots, String name, int index) {
        return gauge(snapshots, name).getDataPoints().get(index).getLabels().get("site");
    }

    private static GaugeSnapshot gauge(MetricSnapshots snapshots, String name) {
        return (GaugeSnapshot) snapshots.stream().filter(s -> s.getMetadata().getPrometheusName().equals(name)).findFirst().orElseThrow();
    }
}
