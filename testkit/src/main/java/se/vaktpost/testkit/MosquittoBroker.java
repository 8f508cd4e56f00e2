package se.vaktpost.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * A real Mosquitto for tests, on a free port, that a test can SIGKILL and start again on the
 * same port. Uses the eclipse-mosquitto container when Docker is available, otherwise the
 * Debian {@code mosquitto} binary. Never the machine's own broker on 1883.
 */
public abstract class MosquittoBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);
    protected final int port;
    private final java.util.List<String> settings;
    /** Null for a plain lab broker; otherwise TLS only, no anonymous clients, the generated ACL. */
    protected BrokerIdentities identities;

    protected MosquittoBroker(int port, java.util.List<String> settings) {
        this.port = port;
        this.settings = java.util.List.copyOf(settings);
    }

    /**
     * Every panel the system tests' registries name: alfa a1..a10, beta b1..b2 and the extra sites
     * s01..s60 with p1 each ({@code HubProcess}). The secure test broker issues each its identity.
     */
    public static final java.util.List<se.vaktpost.protocol.transport.MqttIdentity> TEST_ESTATE = testEstate();

    /** What a test's raw client may do: everything, as a stranger given every right would. */
    public static final java.util.List<String> EVERY_RIGHT = java.util.List.of("topic readwrite vaktpost/v1/sites/#");

    private static java.util.List<se.vaktpost.protocol.transport.MqttIdentity> testEstate() {
        java.util.List<se.vaktpost.protocol.transport.MqttIdentity> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            all.add(se.vaktpost.protocol.transport.MqttIdentity.panel("alfa", "a" + i));
        }
        all.add(se.vaktpost.protocol.transport.MqttIdentity.panel("beta", "b1"));
        all.add(se.vaktpost.protocol.transport.MqttIdentity.panel("beta", "b2"));
        for (int i = 1; i <= 60; i++) {
            all.add(se.vaktpost.protocol.transport.MqttIdentity.panel(String.format("s%02d", i), "p1"));
        }
        return java.util.List.copyOf(all);
    }

    /**
     * The broker of the tests: secure as the product configures it (TLS only, no anonymous clients,
     * the generated ACL), with an identity for every panel of {@link #TEST_ESTATE} and an
     * "intruder" with {@link #EVERY_RIGHT} for raw test clients.
     */
    public static MosquittoBroker start() {
        return start(java.util.List.of());
    }

    /** As {@link #start()}, with extra lines of configuration, e.g. {@code max_inflight_messages 2}. */
    public static MosquittoBroker start(java.util.List<String> settings) {
        return startSecure(TEST_ESTATE, settings, EVERY_RIGHT);
    }

    /** A plain broker that lets anyone in: for benchmarks of the bare transport, and to see the hub refuse one. */
    public static MosquittoBroker startPlain() {
        return startPlain(java.util.List.of());
    }

    public static MosquittoBroker startPlain(java.util.List<String> settings) {
        MosquittoBroker b = dockerAvailable() ? new ContainerMosquitto(FreePort.find(), settings)
                : new BinaryMosquitto(FreePort.find(), settings);
        b.launch();
        b.awaitListening();
        LOG.info("plain Mosquitto ({}) listening on {}", b.kind(), b.url());
        return b;
    }

    /** Whether clients must connect with credentials over TLS. */
    public boolean secure() {
        return identities != null;
    }

    /**
     * A secure broker as the product configures one ({@code central-hub broker-config}): TLS-only
     * listener, {@code allow_anonymous false}, user name = client id, a password per identity and the
     * ACL generated for {@code panels}. Clients connect with {@link #credentials}.
     */
    public static MosquittoBroker startSecure(java.util.List<se.vaktpost.protocol.transport.MqttIdentity> panels,
                                             java.util.List<String> settings) {
        return startSecure(panels, settings, java.util.List.of());
    }

    /** As above, plus a user "intruder" with these ACL lines: rights a test gives it on purpose. */
    public static MosquittoBroker startSecure(java.util.List<se.vaktpost.protocol.transport.MqttIdentity> panels,
                                             java.util.List<String> settings, java.util.List<String> intruderAcl) {
        int port = FreePort.find();
        MosquittoBroker b = dockerAvailable() ? new ContainerMosquitto(port, settings) : new BinaryMosquitto(port, settings);
        b.identities = new BrokerIdentities(panels, "ssl://127.0.0.1:" + port, intruderAcl);
        b.launch();
        b.awaitListening();
        LOG.info("secure Mosquitto ({}) listening on {}", b.kind(), b.url());
        return b;
    }

    public String url() {
        return (identities == null ? "tcp" : "ssl") + "://127.0.0.1:" + port;
    }

    /** The identities of a secure broker; fails on a plain one. */
    public BrokerIdentities identities() {
        if (identities == null) {
            throw new IllegalStateException("a plain broker has no identities; start it with startSecure");
        }
        return identities;
    }

    /** The credentials directory of one identity of a secure broker. */
    public Path credentials(se.vaktpost.protocol.transport.MqttIdentity id) {
        return identities().credentials(id);
    }

    /** Takes an identity's password away and makes the broker reload its files (SIGHUP), as an operator would. */
    public void revoke(se.vaktpost.protocol.transport.MqttIdentity id) {
        identities().revoke(id);
        reloadPasswords();
    }

    protected abstract void reloadPasswords();

    java.util.List<String> settings() {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("log_type error", "log_type warning"));
        all.addAll(settings);
        return all;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no clean shutdown, no last save. */
    public abstract void kill();

    /** Starts it again on the same port after {@link #kill()}. */
    public void restart() {
        launch();
        awaitListening();
    }

    protected abstract void launch();

    /** What the broker logged so far (add {@code log_type notice} to see disconnect reasons). */
    public abstract String log();

    @Override
    public abstract void close();

    protected abstract String kind();

    String config(int listenPort) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "listener " + listenPort,
                "allow_anonymous true",
                "persistence true",
                "persistence_location /mosquitto/data/",
                "max_queued_messages 100000",
                // as recommended for production in docs/operations.md: alarms are small packets
                "set_tcp_nodelay true",
                "log_type error",
                "log_type warning"));
        lines.addAll(settings);
        lines.add("");
        return String.join("\n", lines);
    }

    protected void awaitListening() {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(end)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("Mosquitto did not start listening on port " + port + " within 30 s");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equals(System.getenv("VAKTPOST_USE_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
