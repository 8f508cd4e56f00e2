package se.vaktpost.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.NoticeKind;
import se.vaktpost.hub.notify.NotificationPlan;
import se.vaktpost.hub.notify.Notifications;
import se.vaktpost.hub.notify.Settings;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.SqliteDatabase;

/**
 * From the hub recording an alarm to each notification reaching its receiver, for N recipients
 * on Web Push, e-mail (SMTP with STARTTLS) and SMS, plus two webhooks (JSON and CAP): the hub's
 * real notifier and channel adapters against local receivers, beside the raw cost of the same
 * HTTP and SMTP calls with the same concurrency, measured in the same run against the same
 * receivers.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Alarm recorded -> notifications received, for N recipients on every channel, beside the raw HTTP/SMTP floor.")
final class NotifyBench implements Callable<Integer> {
    @Option(names = "--recipients", defaultValue = "500", description = "Recipients, each with push, e-mail and SMS (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--rounds", defaultValue = "3", description = "Alarms, one after the other (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("vaktpost-notify-bench");
        try (NotifyReceivers rx = new NotifyReceivers(dir)) {
            Map<String, List<Long>> hub = new java.util.TreeMap<>();
            Map<String, List<Long>> floor = new java.util.TreeMap<>();
            SiteRegistry registry = registry(rx, dir);
            try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("hub.db"), "db/hub");
                 Connection writer = db.connect()) {
                addRecipients(writer, rx);
                try (Notifications n = Notifications.start(registry, db, HubMetrics.NOOP, Clock.systemUTC(),
                        (a, i, d) -> { }, s -> { })) {
                    for (int r = 1; r <= rounds; r++) {
                        System.err.printf("round %d of %d: an alarm to %d recipients (%d messages) ...%n", r, rounds,
                                recipients, expected());
                        rx.reset();
                        long t0 = System.nanoTime();
                        alarm(writer);
                        n.nudge();
                        rx.awaitAll(expected(), 180);
                        rx.latencies(t0).forEach((ch, l) -> hub.computeIfAbsent(ch, k -> new ArrayList<>()).addAll(l));
                    }
                }
            }
            for (int r = 1; r <= rounds; r++) {
                System.err.printf("floor round %d of %d: the same calls without the hub ...%n", r, rounds);
                rx.reset();
                long t0 = System.nanoTime();
                rx.rawSend(recipients);
                rx.awaitAll(expected(), 180);
                rx.latencies(t0).forEach((ch, l) -> floor.computeIfAbsent(ch, k -> new ArrayList<>()).addAll(l));
            }
            print(hub, floor);
            System.out.printf("%nfloor HTTP requests sent again after an I/O error: %d%n", rx.retried.get());
        }
        return 0;
    }

    private int expected() {
        return recipients * 3 + 2;
    }

    private void print(Map<String, List<Long>> hub, Map<String, List<Long>> floor) {
        System.out.printf("Notification benchmark, %s, %d cores, %s %s, Java %s: %d recipients x (push, e-mail, SMS) + 2 webhooks, "
                        + "%d rounds%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), recipients, rounds);
        System.out.println("| channel | n | hub p50 (ms) | hub p99 (ms) | floor p50 (ms) | floor p99 (ms) | ratio p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<Long> allHub = new ArrayList<>();
        List<Long> allFloor = new ArrayList<>();
        for (String ch : hub.keySet()) {
            Percentiles h = Percentiles.of(hub.get(ch).stream().mapToLong(Long::longValue).toArray());
            Percentiles f = Percentiles.of(floor.getOrDefault(ch, List.of(0L)).stream().mapToLong(Long::longValue).toArray());
            allHub.addAll(hub.get(ch));
            allFloor.addAll(floor.getOrDefault(ch, List.of()));
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | x%.2f |%n", ch, h.n(), h.p50Ms(), h.p99Ms(), f.p50Ms(),
                    f.p99Ms(), h.p99Ms() / f.p99Ms());
        }
        Percentiles h = Percentiles.of(allHub.stream().mapToLong(Long::longValue).toArray());
        Percentiles f = Percentiles.of(allFloor.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("| all | %d | %.1f | %.1f | %.1f | %.1f | x%.2f |%n", h.n(), h.p50Ms(), h.p99Ms(), f.p50Ms(), f.p99Ms(),
                h.p99Ms() / f.p99Ms());
    }

    private SiteRegistry registry(NotifyReceivers rx, Path dir) throws Exception {
        Files.writeString(dir.resolve("hook.key"), "0123456789abcdef0123456789abcdef");
        NotificationPlan plan = new NotificationPlan("sv",
                Map.of("alla", new NotificationPlan.Group(null, List.of(), List.of(Role.SECURITY), List.of(), null)),
                List.of(new NotificationPlan.Route(List.of(), List.of(NoticeKind.ALARM), List.of("alla"),
                        List.of(Channel.PUSH, Channel.EMAIL, Channel.SMS), null)),
                List.of(),
                List.of(new NotificationPlan.Webhook("json", rx.url("/hook/json"), dir.resolve("hook.key").toString(), null, null, null, null, null),
                        new NotificationPlan.Webhook("cap", rx.url("/hook/cap"), dir.resolve("hook.key").toString(),
                                NotificationPlan.Webhook.Format.CAP, null, null, null, null)),
                new Settings.Email("localhost", rx.smtpPort(), "STARTTLS", "vaktpost@bench.example", null, null, rx.trustFile().toString()),
                new Settings.Sms(rx.url("/sms"), "bench", null, null, null), new Settings.Push(null, List.of("127.0.0.1")), null,
                "https://vaktpost.example", null, List.of());
        return new SiteRegistry(List.of(new SiteRegistry.SiteInfo("bench", "Benchskolan", null,
                List.of(new SiteRegistry.PanelInfo("p1", "Reception")))), new SiteRegistry.HubSettings(null, null, null), plan);
    }

    private void addRecipients(Connection c, NotifyReceivers rx) throws Exception {
        Jdbc.inTransaction(c, () -> {
            for (int i = 1; i <= recipients; i++) {
                Jdbc.update(c, "INSERT INTO users (username, password_hash, role, site, created_at, email, phone) "
                        + "VALUES (?, 'x', 'SECURITY', NULL, '2026-01-01T00:00:00Z', ?, ?)", "u" + i, "u" + i + "@bench.example",
                        String.format("+4670%07d", i));
                Jdbc.update(c, "INSERT INTO push_subscriptions (id, username, endpoint, p256dh, auth, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')", "d" + i, "u" + i, rx.url("/push/" + i),
                        rx.deviceKey(), rx.deviceAuth());
            }
            return null;
        });
    }

    /** What the core writes for a silent alarm: the incident and its notice, in one transaction. */
    private static void alarm(Connection c) throws Exception {
        String id = UUID.randomUUID().toString();
        String now = java.time.Instant.now().toString();
        Jdbc.inTransaction(c, () -> {
            Jdbc.update(c, "INSERT INTO incidents (id, site, kind, drill, opened_at, panel) VALUES (?, 'bench', 'ALARM', 0, ?, 'p1')", id, now);
            Jdbc.update(c, "INSERT INTO notices (incident, site, kind, incident_kind, drill, panel, at) "
                    + "VALUES (?, 'bench', 'ALARM', 'ALARM', 0, 'p1', ?)", id, now);
            return null;
        });
    }
}
