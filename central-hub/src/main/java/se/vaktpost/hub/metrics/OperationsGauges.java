package se.vaktpost.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.protocol.BuildInfo;
import se.vaktpost.storage.NamedSql;

/**
 * The gauges operations alert on (deploy/prometheus/rules): the build, the broker links, presence
 * per site and per panel, each panel's clock offset, the age of the oldest unacknowledged real
 * alarm per site and of the newest backup. Presence is read from the core's published snapshots;
 * the database facts from a cache {@link #refresh} renews (on the timer thread, never at a scrape).
 */
public final class OperationsGauges {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsGauges.class);
    private static final NamedSql SQL = NamedSql.load("sql/operations.sql");
    private static final String PREFIX = HubMetrics.PREFIX;

    private final Connection reader;
    private final Clock clock;
    private final Map<String, Instant> oldestUnacknowledged = new ConcurrentHashMap<>();
    private volatile double newestBackupSeconds;

    private OperationsGauges(Connection reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /** Registers every gauge; {@code reader} is a read-only connection this object owns. */
    public static OperationsGauges register(MicrometerHubMetrics metrics, SiteRegistry registry, CoreView view, BuildInfo build,
                                            Map<String, BooleanSupplier> links, Connection reader, Clock clock) {
        OperationsGauges g = new OperationsGauges(reader, clock);
        MeterRegistry r = metrics.registry();
        // an Info metric, exposed as vaktpost_build_info{...} 1 (Micrometer would strip "_info" from a gauge's name)
        io.prometheus.metrics.core.metrics.Info.builder().name("vaktpost_build").help("The hub's build: version and commit")
                .labelNames("application", "version", "commit").register(metrics.prometheus())
                .addLabelValues(build.application(), build.version(), build.commit());
        links.forEach((link, connected) -> Gauge.builder(PREFIX + "mqtt_connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while this MQTT link of the hub is connected to the broker").tag("link", link).register(r));
        metrics.prometheus().register(new SiteSeries(registry.sites(), id -> view.site(id)
                .map(v -> v.panels().values().stream().filter(CoreView.PanelView::online).count()).orElse(0L), g::unacknowledgedAge));
        metrics.prometheus().register(new PanelSeries(registry, view));
        Gauge.builder("vaktpost_backup_last_success_timestamp_seconds", () -> g.newestBackupSeconds)
                .description("When the newest backup of the database was taken (Unix time); 0 when never").register(r);
        g.refresh();
        return g;
    }

    /** Renews the database facts; on the timer thread, once a minute or so. */
    public void refresh() {
        try (Statement s = reader.createStatement()) {
            newestBackupSeconds = se.vaktpost.hub.backup.Backups.newest(reader).map(Instant::getEpochSecond).orElse(0L);
            Map<String, Instant> now = new java.util.HashMap<>();
            try (ResultSet rs = s.executeQuery(SQL.get("unacknowledged_alarms"))) {
                while (rs.next()) {
                    now.put(rs.getString("site"), Instant.parse(rs.getString("oldest")));
                }
            }
            oldestUnacknowledged.keySet().retainAll(now.keySet());
            oldestUnacknowledged.putAll(now);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not read the backup and alarm facts for the metrics: {}", e.getMessage());
        }
    }

    private double unacknowledgedAge(String site) {
        Instant oldest = oldestUnacknowledged.get(site);
        return oldest == null ? 0 : Math.max(0, java.time.Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }




}
