package se.vaktpost.hub.app;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.broker.EmbeddedBroker;
import se.vaktpost.hub.http.HttpApi;
import se.vaktpost.hub.incidentlog.IncidentLogStore;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.outbound.ReliablePublisher;
import se.vaktpost.hub.metrics.MicrometerHubMetrics;
import se.vaktpost.hub.mqtt.MqttLink;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.ReportStore;
import se.vaktpost.hub.report.Reports;
import se.vaktpost.hub.store.HubQueries;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.hub.store.WalCheckpoints;
import se.vaktpost.protocol.Contract;
import se.vaktpost.storage.SqliteDatabase;

/** Starts the hub. Wiring only: every behaviour lives in the feature packages. */
@Command(name = "central-hub", mixinStandardHelpOptions = true, version = "vaktpost central-hub " + Contract.VERSION,
        description = "Vaktpost central hub: records events, runs lockdown per site, serves the API.",
        subcommands = {UsersCommand.class, TokensCommand.class, ReportCommand.class})
public final class HubMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HubMain.class);

    @Option(names = "--config", description = "Site registry (YAML), e.g. config/sites.example.yaml.")
    Path config;

    @Option(names = "--db", defaultValue = "data/hub.db", description = "SQLite database file (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP bind address (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--mqtt-url", description = "External broker, e.g. tcp://broker:1883. Without it an embedded broker starts.")
    String mqttUrl;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Option(names = "--client-id", defaultValue = "vaktpost-hub", description = "MQTT client id of the alarm path; keeps the hub's session. Presence uses ID-presence (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--offline-after-s", defaultValue = "30", description = "Offline timeout for panels that never said their heartbeat (default: ${DEFAULT-VALUE}).")
    int offlineAfter;

    @Option(names = "--tls-keystore", description = "PKCS#12 key store for HTTPS; its password comes from the "
            + "environment variable VAKTPOST_TLS_PASSWORD. Without it the hub serves plain HTTP (put a TLS proxy in front).")
    Path tlsKeystore;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "Missing --config: the site registry, e.g. --config config/sites.example.yaml");
        }
        SiteRegistry registry = SiteRegistry.load(config);
        HttpApi.Tls tls = tls();
        requireFreePort(httpHost, httpPort, "HTTP", "--http-port");
        EmbeddedBroker broker = null;
        String url = mqttUrl;
        if (url == null) {
            requireFreePort("127.0.0.1", embeddedPort, "embedded MQTT broker", "--mqtt-port (or use --mqtt-url for an external broker)");
            LOG.info("starting embedded MQTT broker on port {}", embeddedPort);
            broker = EmbeddedBroker.start(db.toAbsolutePath().getParent().resolve("broker"), "127.0.0.1", embeddedPort);
            url = broker.url();
        }
        SqliteDatabase database = SqliteDatabase.open(db, "db/hub");
        MicrometerHubMetrics metrics = new MicrometerHubMetrics();
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hub-timers"));
        MqttLink mqtt = MqttLink.alarmPath(url, clientId, timers);
        MqttLink presenceLink = MqttLink.presence(url, clientId + "-presence", timers);
        ReliablePublisher publisher = new ReliablePublisher(mqtt, presenceLink, metrics,
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hub-outbound")), ReliablePublisher.Settings.defaults());
        CoreView view = new CoreView();
        HubCore core = HubCore.start(registry, new HubStore(database.connect()), publisher, metrics, clock, view,
                HubCore.Settings.defaults(Duration.ofSeconds(offlineAfter)));
        metrics.gauge(HubMetrics.Gauge.PANELS_ONLINE, view::panelsOnline);
        metrics.gauge(HubMetrics.Gauge.PANELS_CLOCK_SKEWED, view::panelsWithSkewedClock);
        timers.scheduleAtFixedRate(core::tick, 1, 1, TimeUnit.SECONDS);
        Ingress ingress = new Ingress(registry, core, publisher, metrics, clock);
        mqtt.start(ingress, max -> publisher.connected(mqtt, max));
        presenceLink.start(ingress, max -> publisher.connected(presenceLink, max));

        WalCheckpoints checkpoints = new WalCheckpoints(database, Duration.ofSeconds(5));
        HubQueries queries = new HubQueries(database);
        AccountStore accounts = new AccountStore(database);
        IncidentLogStore incidentLog = new IncidentLogStore(database, registry.settings().timeZone());
        ReportStore reportStore = new ReportStore(database);
        LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(5), clock);
        Vertx vertx = Vertx.vertx();
        try {
            new HttpApi(new HttpApi.Deps(vertx, registry, queries, metrics, view,
                    () -> mqtt.connected() && presenceLink.connected(), accounts, limiter,
                    core, database, tls, incidentLog, new Reports(registry, reportStore, clock), reportStore))
                    .listen(httpHost, httpPort).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StartupException("the web server did not start: " + e.getCause().getMessage()
                    + (tls == null ? "" : " (is VAKTPOST_TLS_PASSWORD the key store's password?)"));
        }
        LOG.info("Vaktpost hub ready: {} sites, {} panels, MQTT {}, web view {}://{}:{}/",
                registry.sites().size(), registry.panelCount(), url, tlsKeystore == null ? "http" : "https",
                httpHost, httpPort);

        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedBroker b = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            mqtt.close();
            presenceLink.close();
            vertx.close();
            core.close();
            publisher.close();
            try {
                checkpoints.close();
                queries.close();
                accounts.close();
                incidentLog.close();
                reportStore.close();
                if (b != null) {
                    b.close();
                }
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.getMessage());
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private HttpApi.Tls tls() {
        if (tlsKeystore == null) {
            return null;
        }
        if (!java.nio.file.Files.isReadable(tlsKeystore)) {
            throw new StartupException("cannot read the TLS key store " + tlsKeystore + "; check the path and its permissions");
        }
        String password = System.getenv("VAKTPOST_TLS_PASSWORD");
        if (password == null) {
            throw new StartupException("--tls-keystore needs its password in the environment variable VAKTPOST_TLS_PASSWORD");
        }
        return new HttpApi.Tls(tlsKeystore, password);
    }

    private static void requireFreePort(String host, int port, String what, String option) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupException("Port " + port + " for the " + what + " is already in use on " + host
                    + " (is another hub, a Mosquitto service or another program using it?). Choose another with " + option + ".");
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A start-up problem the operator can fix; printed as one clear line, not a stack trace. */
    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new HubMain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof StartupException || ex instanceof IOException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("central-hub: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        System.exit(cli.execute(args));
    }
}
