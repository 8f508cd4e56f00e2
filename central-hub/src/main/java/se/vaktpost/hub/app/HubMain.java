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
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.secondfactor.Passkeys;
import se.vaktpost.hub.secondfactor.SecondFactorStore;
import se.vaktpost.hub.secondfactor.SecondFactors;
import se.vaktpost.hub.broker.DemoBroker;
import se.vaktpost.hub.http.HttpApi;
import se.vaktpost.hub.http.ViewerNudges;
import se.vaktpost.hub.incidentlog.IncidentLogStore;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.notify.Notifications;
import se.vaktpost.hub.intake.AlarmPathWarmup;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.protocol.signing.HubSignature;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.outbound.ReliablePublisher;
import se.vaktpost.hub.metrics.MicrometerHubMetrics;
import se.vaktpost.hub.mqtt.AnonymousProbe;
import se.vaktpost.hub.backup.HubLock;
import se.vaktpost.hub.metrics.OperationsGauges;
import se.vaktpost.hub.mqtt.MqttLink;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.ReportStore;
import se.vaktpost.hub.report.Reports;
import se.vaktpost.hub.store.HubQueries;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.hub.store.WalCheckpoints;
import se.vaktpost.protocol.BuildInfo;
import se.vaktpost.protocol.Contract;
import se.vaktpost.hub.brokeraccess.BrokerAccess;
import se.vaktpost.protocol.signing.HubKey;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.storage.SqliteDatabase;

/** Starts the hub. Wiring only: every behaviour lives in the feature packages. */
@Command(name = "central-hub", mixinStandardHelpOptions = true, versionProvider = HubMain.Version.class,
        description = "Vaktpost central hub: records events, runs lockdown per site, serves the API.",
        subcommands = {UsersCommand.class, TokensCommand.class, ReportCommand.class, PanelsCommand.class,
            BrokerConfigCommand.class, BackupCommand.class, RestoreCommand.class})
public final class HubMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HubMain.class);
    /** The readiness part the web server stands for; the MQTT links name their own. */
    private static final String WEB_SERVER = "web server";
    /** Kept for the life of the process: the OS lock that says a hub runs on the database. */
    private static HubLock dbLock;
    /** This build of the hub. */
    public static final BuildInfo BUILD = BuildInfo.of("central-hub");

    /** {@code --version}: the build's version and commit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BUILD.versionLines();
        }
    }

    @Option(names = "--config", description = "Site registry (YAML), e.g. config/sites.example.yaml.")
    Path config;

    @Option(names = "--db", defaultValue = "data/hub.db", description = "SQLite database file (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP bind address (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--mqtt-url", description = "External broker, e.g. ssl://broker:8883 (default with --mqtt-credentials: "
            + "the URL in them). Without either an embedded broker starts.")
    String mqttUrl;

    @Option(names = "--mqtt-credentials", paramLabel = "DIR", description = "The hub's own MQTT identities, as 'central-hub "
            + "broker-config' wrote them (security/hub-mqtt beside the database).")
    Path mqttCredentials;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", description = "A reverse proxy in front of the hub (repeat for "
            + "several): its X-Forwarded-For and X-Forwarded-Proto are believed; cookies are then HTTPS-only.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--insecure", description = "Run even against a broker that lets clients in without credentials "
            + "(a lab only: anyone on the network could then unlock doors). Warns every minute.")
    boolean insecure;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Option(names = "--client-id", defaultValue = "vaktpost-hub", description = "MQTT client id of the alarm path; keeps the hub's session. Presence uses presence-ID (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--background-nice", defaultValue = "10", description = "How many nice steps below the alarm path "
            + "the hub's background threads run on Linux: presence intake (also at the idle policy), JIT compilers, "
            + "log writer, checkpoints (0: all at one priority; default: ${DEFAULT-VALUE}).")
    int backgroundNice;

    @Option(names = "--realtime-priority", defaultValue = "1", description = "Linux real-time priority (SCHED_RR, 1-99) "
            + "of the alarm path: the hub's core and its MQTT senders go ahead of other processes' ordinary work. Needs "
            + "LimitRTPRIO= (the package's unit sets it) or CAP_SYS_NICE; without, a warning (0: off; default: ${DEFAULT-VALUE}).")
    int realtimePriority;

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
        // one hub per database, and no restore under a running hub; held until the process ends
        dbLock = HubLock.take(db.toAbsolutePath());
        SqliteDatabase database = SqliteDatabase.open(db, "db/hub");
        Clock clock = Clock.systemUTC();
        DemoBroker.Started broker = null;
        String url = mqttUrl;
        Path credentials = mqttCredentials;
        if (url == null && credentials == null) {
            requireFreePort("127.0.0.1", embeddedPort, "embedded MQTT broker", "--mqtt-port (or use --mqtt-url for an external broker)");
            LOG.info("starting embedded MQTT broker on port {} (TLS, identities from {})", embeddedPort, db.getFileName());
            broker = DemoBroker.start(registry, database, db.toAbsolutePath().getParent(), embeddedPort, clock);
            url = broker.broker().url();
            credentials = broker.hubCredentials();
        }
        MicrometerHubMetrics metrics = new MicrometerHubMetrics();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hub-timers"));
        BrokerConnection brokerConnection = HubConnections.broker(credentials, url);
        guardAgainstAnonymousBroker(brokerConnection, timers);
        MqttCredentials creds = brokerConnection.credentials().orElse(null);
        String alarmClient = creds != null ? creds.username() : clientId;
        String presenceClient = creds != null ? creds.presence().orElseThrow().username() : "presence-" + clientId;
        MqttLink mqtt = MqttLink.alarmPath(brokerConnection, alarmClient, timers);
        MqttLink presenceLink = MqttLink.presence(brokerConnection, presenceClient,
                registry.sites().stream().map(SiteRegistry.SiteInfo::id).toList(), timers);
        MqttLink stateLink = HubConnections.stateLink(brokerConnection, creds, clientId, timers);
        // the key panels pin: with the hub's credentials, or beside the database for a lab hub
        Path keyDir = credentials != null ? credentials
                : db.toAbsolutePath().getParent().resolve("security").resolve(BrokerAccess.HUB_CREDENTIALS);
        HubSignature.Signer signer = se.vaktpost.mqttsecurity.HubSigner.of(HubKey.openOrCreate(keyDir).getPrivate());
        warmUp(signer, clock);
        // the publisher's steps run on the core: a state leaves from the thread that committed it
        ThreadPriorities priorities = ThreadPriorities.of(backgroundNice, realtimePriority, alarmClient, presenceClient,
                stateLink == null ? null : stateLink.clientId());
        HubCore.Prepared coreToBe = HubCore.prepare(HubCore.Settings.defaults(Duration.ofSeconds(offlineAfter)),
                priorities.core());
        ReliablePublisher publisher = new ReliablePublisher(stateLink == null ? List.of(mqtt) : List.of(mqtt, stateLink), presenceLink, metrics,
                coreToBe.steps(), timers, ReliablePublisher.Settings.defaults(), signer);
        // notifications first: a missing secret file stops the start before any alarm is taken
        AccountStore accounts = new AccountStore(database);
        Vertx vertx = Vertx.vertx();
        ViewerNudges viewers = ViewerNudges.on(vertx);
        Notifications notifications = Notifications.start(registry, database, metrics, clock, (action, incident, detail) -> {
            try {
                accounts.audit("hub", action, incident, detail, null, clock.instant());
            } catch (java.sql.SQLException e) {
                LOG.error("could not write the audit line for {}: {}", action, e.getMessage());
            }
        }, viewers::changed);
        CoreView view = new CoreView();
        view.onChange(viewers::changed);
        view.onNotice(notifications::nudge);
        HubCore core = coreToBe.start(registry, new HubStore(database.connect()), publisher, metrics, clock, view);
        metrics.gauge(HubMetrics.Gauge.PANELS_ONLINE, view::panelsOnline);
        metrics.gauge(HubMetrics.Gauge.PANELS_CLOCK_SKEWED, view::panelsWithSkewedClock);
        timers.scheduleAtFixedRate(core::tick, 1, 1, TimeUnit.SECONDS);
        OperationsGauges operations = OperationsGauges.register(metrics, registry, view, BUILD,
                stateLink == null ? java.util.Map.of("alarm", mqtt::connected, "presence", presenceLink::connected)
                        : java.util.Map.of("alarm", mqtt::connected, "presence", presenceLink::connected, "states", stateLink::connected),
                database.connectReadOnly(), clock);
        timers.scheduleAtFixedRate(operations::refresh, 30, 30, TimeUnit.SECONDS);
        Ingress ingress = new Ingress(registry, core, publisher, metrics, clock);
        // "ready" is said when alarms can be taken: the web server up and both links subscribed
        String brokerUrl = brokerConnection.url();
        StartupReadiness readiness = new StartupReadiness(java.util.Set.of(WEB_SERVER, mqtt.who(), presenceLink.who()),
                () -> LOG.info("Vaktpost hub ready: {} sites, {} panels, MQTT {}, web view {}://{}:{}/",
                        registry.sites().size(), registry.panelCount(), brokerUrl, tlsKeystore == null ? "http" : "https",
                        httpHost, httpPort));
        mqtt.start(ingress, onConnect(mqtt, publisher, priorities, timers), () -> readiness.up(mqtt.who()));
        // statuses and acks: its delivery thread lowers itself to the idle policy, even where the client ids
        // begin too much alike for the names to tell the two links' threads apart
        presenceLink.onNewDeliveryThread(priorities.background()::idleCurrentThread);
        presenceLink.start(ingress, onConnect(presenceLink, publisher, priorities, timers),
                () -> readiness.up(presenceLink.who()));
        if (stateLink != null) { // not needed for "ready": while it is down its sites' states go on the alarm path
            stateLink.start(ingress, onConnect(stateLink, publisher, priorities, timers), () -> { });
        }

        WalCheckpoints checkpoints = new WalCheckpoints(database, Duration.ofSeconds(5));
        HubQueries queries = new HubQueries(database);
        IncidentLogStore incidentLog = new IncidentLogStore(database, registry.settings().timeZone());
        ReportStore reportStore = new ReportStore(database);
        LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(5), clock);
        SecondFactorStore factorStore = new SecondFactorStore(database);
        SecondFactors factors = new SecondFactors(factorStore, registry.settings().twoFactorRoles(), clock);
        try {
            new HttpApi(new HttpApi.Deps(vertx, registry, queries, metrics, view,
                    () -> mqtt.connected() && presenceLink.connected(), accounts, limiter,
                    core, database, tls, incidentLog, new Reports(registry, reportStore, clock), reportStore, trustedProxies, factors,
                    new Passkeys(factorStore, clock), notifications, BUILD))
                    .listen(httpHost, httpPort).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StartupException("the web server did not start: " + e.getCause().getMessage()
                    + (tls == null ? "" : " (is VAKTPOST_TLS_PASSWORD the key store's password?)"));
        }
        readiness.up(WEB_SERVER);
        timers.scheduleWithFixedDelay(priorities::scan, 0, 10, TimeUnit.SECONDS);
        timers.schedule(() -> {
            if (!readiness.waitingFor().isEmpty()) {
                LOG.warn("not ready yet, waiting for: {} (is the broker at {} up?); panels lock each other down "
                        + "without the hub meanwhile", String.join(", ", readiness.waitingFor()), brokerUrl);
            }
        }, 10, TimeUnit.SECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        DemoBroker.Started b = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            mqtt.close();
            presenceLink.close();
            if (stateLink != null) {
                stateLink.close();
            }
            vertx.close();
            core.close();
            try {
                notifications.close();
            } catch (java.sql.SQLException e) {
                LOG.warn("closing notifications: {}", e.getMessage());
            }
            publisher.close();
            try {
                checkpoints.close();
                queries.close();
                accounts.close();
                factorStore.close();
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

    /**
     * The alarm path once through on a scratch core before the first event (AlarmPathWarmup); a
     * failure there is logged and the hub starts all the same: its first lockdown is then slower.
     */
    private void warmUp(HubSignature.Signer signer, Clock clock) throws InterruptedException {
        try {
            AlarmPathWarmup.Result warm = AlarmPathWarmup.run(signer, clock, 300, Duration.ofSeconds(1));
            LOG.info("alarm path warmed up: {} lockdowns and all-clears on a scratch core ({} states, {} acks) in {} ms",
                    warm.pairs(), warm.states(), warm.acks(), warm.took().toMillis());
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("the alarm path's warm-up failed ({}); starting all the same", e.toString());
        }
    }

    /**
     * At each connect of {@code link}: the publisher learns the broker's window, and the link's new
     * threads get their priority at once rather than at the next scan (every 10 s).
     */
    private static java.util.function.IntConsumer onConnect(MqttLink link, ReliablePublisher publisher,
                                                            ThreadPriorities priorities, ScheduledExecutorService timers) {
        return max -> {
            publisher.connected(link, max);
            try {
                timers.execute(priorities::scan);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the hub is stopping
            }
        };
    }

    /**
     * Refuses to start against a broker that lets a stranger in, unless --insecure, which warns
     * every minute. The embedded demo broker is checked like any other.
     */
    private void guardAgainstAnonymousBroker(BrokerConnection connection, ScheduledExecutorService timers) {
        AnonymousProbe.Result probe = AnonymousProbe.probe(connection);
        String why = "the broker " + connection.url() + " lets clients in without credentials: anyone on the network "
                + "could publish a NORMAL state and unlock doors";
        switch (probe) {
            case REFUSED -> LOG.info("broker {} refuses anonymous clients", connection.url());
            case UNREACHABLE -> LOG.warn("broker {} not reachable to check that it refuses anonymous clients; "
                    + "the hub keeps trying to connect", connection.url());
            case ACCEPTED -> {
                if (!insecure) {
                    throw new StartupException(why + ". Secure it (central-hub broker-config writes such a configuration; "
                            + "docs/operations.md) or, in a lab only, start the hub with --insecure.");
                }
                String what = "INSECURE (--insecure): " + why;
                LOG.warn(what);
                timers.scheduleAtFixedRate(() -> LOG.warn(what), 1, 1, TimeUnit.MINUTES);
            }
        }
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
        int status;
        try {
            status = cli.execute(args);
        } catch (Throwable t) {
            // an Error in start-up (a library that cannot initialise) must end the process, not leave
            // a hub that runs without serving: the service manager then restarts it and says why
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
