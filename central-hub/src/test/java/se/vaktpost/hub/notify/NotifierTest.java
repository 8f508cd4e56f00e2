package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.SqliteDatabase;

/** The notifier on a real hub database file with fake channels and a clock the test moves. */
class NotifierTest {
    private static final Instant T0 = Instant.parse("2026-12-02T06:40:00Z");

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A channel that records what it was given and answers as the test says. */
    static final class FakeSender implements Sender {
        final Channel channel;
        final List<Outgoing> got = new CopyOnWriteArrayList<>();
        volatile Function<Outgoing, CompletionStage<Outcome>> answer = m -> CompletableFuture.completedFuture(Outcome.sent());

        FakeSender(Channel channel) {
            this.channel = channel;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public CompletionStage<Outcome> send(Outgoing m) {
            got.add(m);
            return answer.apply(m);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final FakeSender sms = new FakeSender(Channel.SMS);
    private final FakeSender email = new FakeSender(Channel.EMAIL);
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private SqliteDatabase db;
    private Connection writer;
    private Notifier notifier;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /** A real database file: the notifier and the "core" below write on connections of their own, as in the hub. */
    @BeforeEach
    void database() throws SQLException {
        db = SqliteDatabase.open(dir.resolve("hub.db"), "db/hub");
        writer = db.connect();
        for (String[] u : new String[][] {{"vakt1", "SECURITY", null, "vakt1@kommun.se", "+46701111111"},
                {"vakt2", "SECURITY", null, "vakt2@kommun.se", null}, {"rektor", "ADMIN", null, null, "+46709999999"}}) {
            Jdbc.update(writer, "INSERT INTO users (username, password_hash, role, site, created_at, email, phone) "
                    + "VALUES (?, 'x', ?, ?, '2026-01-01T00:00:00Z', ?, ?)", (Object[]) u);
        }
    }

    @AfterEach
    void close() throws SQLException {
        if (notifier != null) {
            notifier.close();
        }
        writer.close();
        db.close();
    }

    private static SiteRegistry registry() {
        NotificationPlan plan = new NotificationPlan("sv", Map.of(
                "vaktare", new NotificationPlan.Group(null, List.of(), List.of(Role.SECURITY), List.of(), null),
                "ledning", new NotificationPlan.Group(null, List.of("rektor"), List.of(), List.of(), null)),
                List.of(new NotificationPlan.Route(List.of(), List.of(NoticeKind.ALARM, NoticeKind.LOCKDOWN, NoticeKind.PANEL_OFFLINE),
                        List.of("vaktare"),
                        List.of(Channel.SMS, Channel.EMAIL), null)),
                List.of(new NotificationPlan.Escalation(List.of(), null, List.of(
                        new NotificationPlan.Step(60, List.of("ledning"), List.of(Channel.SMS), null)))),
                null, null, null, null, null, "https://vaktpost.example", null, List.of());
        return new SiteRegistry(List.of(new SiteRegistry.SiteInfo("ekbacken", "Ekbackens skola", null,
                List.of(new SiteRegistry.PanelInfo("reception", "Expedition")))),
                new SiteRegistry.HubSettings(null, null, ZoneId.of("Europe/Stockholm")), plan);
    }

    private void start() throws SQLException {
        notifier = Notifier.start(new Notifier.Deps(registry().notifications(), registry(), new OutboxStore(db.connect()),
                List.of(sms, email), clock, Backoff.standard(), HubMetrics.NOOP, (a, i, d) -> audit.add(a), site -> { }));
    }

    private void restart() throws SQLException {
        notifier.close();
        start();
    }

    /** What the core writes: an incident and its notice, in one transaction. */
    private String alarm(String kind) throws SQLException {
        String id = UUID.randomUUID().toString();
        Jdbc.inTransaction(writer, () -> {
            Jdbc.update(writer, "INSERT INTO incidents (id, site, kind, drill, opened_at, panel) VALUES (?, 'ekbacken', ?, 0, ?, 'reception')",
                    id, kind, clock.instant().toString());
            Jdbc.update(writer, "INSERT INTO notices (incident, site, kind, incident_kind, drill, panel, at) "
                    + "VALUES (?, 'ekbacken', ?, ?, 0, 'reception', ?)", id, kind, kind, clock.instant().toString());
            return null;
        });
        return id;
    }

    private List<String> statuses() throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var rs = writer.createStatement().executeQuery("SELECT channel || ' ' || status FROM deliveries ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The first delivery's "CHANNEL STATUS", empty before the notifier has written any. */
    private String firstStatus() throws SQLException {
        return statuses().stream().findFirst().orElse("");
    }

    @Test
    void anAlarmIsSentOncePerRecipientAndChannelAndNeverAgainAfterARestart() throws SQLException {
        start();
        alarm("ALARM");
        notifier.nudge();

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(
                List.of("SMS SENT", "EMAIL SENT", "EMAIL SENT")));
        assertThat(sms.got).extracting(Sender.Outgoing::address).containsExactly("+46701111111");
        assertThat(email.got).extracting(Sender.Outgoing::address).containsExactlyInAnyOrder("vakt1@kommun.se", "vakt2@kommun.se");
        assertThat(sms.got.get(0).title()).isEqualTo("Överfallslarm: Ekbackens skola");
        assertThat(sms.got.get(0).link()).startsWith("https://vaktpost.example/#incident=");

        restart();
        notifier.nudge();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> sms.got.size() == 1 && email.got.size() == 2);
    }

    @Test
    void aBurstOfNoticesIsRoutedInPassesThatBeginAtLeastTheGapApart() throws SQLException {
        start();
        for (int i = 0; i < 20; i++) {
            alarm("ALARM");
            notifier.nudge(); // as the core does after every commit
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().stream().filter(s -> s.endsWith("SENT")).count() == 60);
        assertThat(sms.got).hasSize(20);
        // the answers are written by a later pass than the one that sent them: at least two passes
        assertThat(notifier.passes()).isGreaterThanOrEqualTo(2);
        assertThat(notifier.shortestPassInterval()).isGreaterThanOrEqualTo(Notifier.PASS_GAP);
    }

    @Test
    void aFailingChannelIsRetriedAndShownWhileTheOthersGoOn() throws SQLException {
        sms.answer = m -> CompletableFuture.completedFuture(Sender.Outcome.failed("the SMS gateway answered HTTP 500", false));
        start();
        alarm("LOCKDOWN");
        notifier.nudge();

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of("SMS FAILED", "EMAIL SENT", "EMAIL SENT")));
        // the audit line is written after the pass's commit that the statuses above are read from
        await().atMost(Duration.ofSeconds(10)).until(() -> audit.contains("notification.failed"));
        try (var rs = writer.createStatement().executeQuery("SELECT last_error FROM deliveries WHERE channel = 'SMS'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("HTTP 500");
        }

        sms.answer = m -> CompletableFuture.completedFuture(Sender.Outcome.sent());
        clock.now.set(T0.plusSeconds(6)); // past the first back-off of 5 s
        notifier.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> firstStatus().equals("SMS SENT"));
        assertThat(sms.got).hasSize(2).extracting(Sender.Outgoing::key).containsOnly(sms.got.get(0).key());
    }

    @Test
    void aChannelThatNeverAnswersHoldsBackOnlyItsOwnMessages() throws SQLException {
        sms.answer = m -> new CompletableFuture<>();
        start();
        alarm("ALARM");
        notifier.nudge();

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of("SMS SENDING", "EMAIL SENT", "EMAIL SENT")));
    }

    @Test
    void whatACrashInterruptedIsSentAgainWithTheSameKey() throws SQLException {
        sms.answer = m -> new CompletableFuture<>();
        start();
        alarm("ALARM");
        notifier.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> firstStatus().equals("SMS SENDING"));
        String key = sms.got.get(0).key();

        sms.answer = m -> CompletableFuture.completedFuture(Sender.Outcome.sent());
        restart();
        notifier.nudge();

        await().atMost(Duration.ofSeconds(10)).until(() -> firstStatus().equals("SMS SENT"));
        assertThat(sms.got).extracting(Sender.Outgoing::key).containsExactly(key, key);
    }

    @Test
    void nobodyAcknowledgesSoTheNextGroupIsToldByTheHubsClockAndAnAcknowledgementStopsTheChain() throws SQLException {
        start();
        String first = alarm("ALARM");
        notifier.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().size() == 3);

        clock.now.set(T0.plusSeconds(59));
        notifier.nudge();
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> statuses().size() == 3);

        clock.now.set(T0.plusSeconds(60));
        notifier.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.got.stream().anyMatch(m -> m.address().equals("+46709999999")));
        assertThat(sms.got.stream().filter(m -> m.address().equals("+46709999999")).findFirst().orElseThrow().title())
                .startsWith("Ej kvitterat – Överfallslarm");

        String second = alarm("ALARM");
        Jdbc.update(writer, "UPDATE incidents SET acknowledged_at = ?, acknowledged_by = 'vakt1' WHERE id = ?",
                clock.instant().toString(), second);
        clock.now.set(T0.plusSeconds(600));
        restart();
        notifier.nudge();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() ->
                sms.got.stream().filter(m -> m.address().equals("+46709999999")).count() == 1);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aPanelOfflineLongerThanTheLimitByTheHubsClockIsToldOnceAlsoAcrossARestart() throws SQLException {
        Jdbc.update(writer, "INSERT INTO panel_presence (site, panel, online, last_seen) VALUES ('ekbacken', 'reception', 0, ?)",
                T0.minusSeconds(299).toString());
        start();
        notifier.nudge();
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> sms.got.isEmpty());

        clock.now.set(T0.plusSeconds(10)); // 309 s offline: past the default 300 s (and the next check, 10 s on)
        notifier.nudge();
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.got.size() == 1);
        assertThat(sms.got.get(0).title()).isEqualTo("Panel ur drift: Ekbackens skola");
        assertThat(sms.got.get(0).body()).startsWith("Panel ur drift, Ekbackens skola (Expedition), kl. 07:40");

        clock.now.set(T0.plusSeconds(60));
        restart();
        notifier.nudge();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> sms.got.size() == 1);
    }

    @Test
    void aNoticeTheCoreWroteBeforeTheNotifierStartedIsStillTold() throws SQLException {
        alarm("ALARM");
        start();
        notifier.nudge();

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of("SMS SENT", "EMAIL SENT", "EMAIL SENT")));
    }
}
