package se.vaktpost.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.testkit.MosquittoBroker;

/** Runs the benchmarks and prints a Markdown table for docs/performance.md. */
@Command(name = "vaktpost-bench", mixinStandardHelpOptions = true, subcommands = {ReportBench.class, NotifyBench.class},
        description = "Lockdown fan-out and hub intake, each with the raw floor measured in the same run.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--panels", defaultValue = "50", description = "Panels on the site (default: ${DEFAULT-VALUE}).")
    int panels;

    @Option(names = "--samples", defaultValue = "200", description = "Lockdown samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--intake-samples", defaultValue = "2000", description = "Hub intake samples (default: ${DEFAULT-VALUE}).")
    int intakeSamples;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("vaktpost-bench");
        System.err.println("Starting Mosquitto and " + panels + " panels ...");
        Percentiles fan;
        Percentiles local;
        Percentiles hop;
        Percentiles rawFan;
        try (MosquittoBroker broker = MosquittoBroker.startPlain()) {
            BenchTransport plain = new BenchTransport(broker);
            System.err.println("Raw MQTT floor (publish -> 1 subscriber, QoS 1) ...");
            hop = Percentiles.of(MqttFloor.singleHop(plain, 1000));
            System.err.println("Raw MQTT fan-out (publish -> " + panels + " subscribers) ...");
            rawFan = Percentiles.of(MqttFloor.fanOut(plain, panels, samples));
            System.err.println("Lockdown fan-out, " + samples + " samples ...");
            try (LockdownFanout bench = new LockdownFanout(plain, dir, panels)) {
                fan = Percentiles.of(bench.run(20, samples));
                local = Percentiles.of(bench.local);
            }
        }
        Percentiles tlsHop;
        Percentiles tlsRawFan;
        Percentiles tlsFan;
        java.util.List<se.vaktpost.protocol.transport.MqttIdentity> ids = java.util.stream.IntStream.rangeClosed(1, panels)
                .mapToObj(i -> se.vaktpost.protocol.transport.MqttIdentity.panel(BenchTransport.SITE, "p" + i)).toList();
        try (MosquittoBroker broker = MosquittoBroker.startSecure(ids, java.util.List.of(), MosquittoBroker.EVERY_RIGHT)) {
            BenchTransport tls = new BenchTransport(broker);
            System.err.println("Over TLS, each client as its own identity, the generated ACL, signed states ...");
            tlsHop = Percentiles.of(MqttFloor.singleHop(tls, 1000));
            tlsRawFan = Percentiles.of(MqttFloor.fanOut(tls, panels, samples));
            try (LockdownFanout bench = new LockdownFanout(tls, Files.createTempDirectory("vaktpost-bench-tls"), panels)) {
                tlsFan = Percentiles.of(bench.run(20, samples));
            }
        }
        System.err.println("Hub intake vs raw SQLite insert ...");
        Percentiles raw = Percentiles.of(IntakeBench.rawInsert(dir, intakeSamples));
        Percentiles hub = Percentiles.of(IntakeBench.hubRecord(dir, intakeSamples));

        System.out.printf("Vaktpost benchmark, %s, %d cores, %s %s, Java %s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.println("| measurement                                          |     n |  p50 (ms) |  p99 (ms) |");
        System.out.println("|------------------------------------------------------|------:|----------:|----------:|");
        System.out.println(hop.row("floor: raw MQTT hop, 1 subscriber"));
        System.out.println(rawFan.row("floor: raw MQTT publish to " + panels + " subscribers"));
        System.out.println(local.row("press -> pressing panel locked (outbox commit)"));
        System.out.println(fan.row("lockdown confirmed on 1 panel -> all " + panels + " locked"));
        System.out.println(raw.row("floor: raw SQLite insert (WAL, synchronous=FULL)"));
        System.out.println(hub.row("hub intake: validate + dedup + record + incident"));
        System.out.println(tlsHop.row("floor: raw MQTT hop over TLS, 1 subscriber"));
        System.out.println(tlsRawFan.row("floor: raw TLS publish to " + panels + " subscribers"));
        System.out.println(tlsFan.row("TLS: lockdown on 1 panel -> all " + panels + " locked"));
        System.out.println();
        System.out.printf("lockdown fan-out / raw MQTT hop:        p50 x%.1f  p99 x%.1f%n",
                fan.p50Ms() / hop.p50Ms(), fan.p99Ms() / hop.p99Ms());
        System.out.printf("lockdown fan-out / raw %d-way fan-out:  p50 x%.1f  p99 x%.1f%n", panels,
                fan.p50Ms() / rawFan.p50Ms(), fan.p99Ms() / rawFan.p99Ms());
        System.out.printf("hub intake / raw SQLite insert:         p50 x%.1f  p99 x%.1f%n",
                hub.p50Ms() / raw.p50Ms(), hub.p99Ms() / raw.p99Ms());
        System.out.printf("TLS lockdown fan-out / raw TLS hop:     p50 x%.1f  p99 x%.1f%n",
                tlsFan.p50Ms() / tlsHop.p50Ms(), tlsFan.p99Ms() / tlsHop.p99Ms());
        System.out.printf("TLS lockdown fan-out / raw TLS %d-way:  p50 x%.1f  p99 x%.1f%n", panels,
                tlsFan.p50Ms() / tlsRawFan.p50Ms(), tlsFan.p99Ms() / tlsRawFan.p99Ms());
        System.out.printf("TLS lockdown fan-out / plain lockdown:  p50 x%.1f  p99 x%.1f%n",
                tlsFan.p50Ms() / fan.p50Ms(), tlsFan.p99Ms() / fan.p99Ms());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
