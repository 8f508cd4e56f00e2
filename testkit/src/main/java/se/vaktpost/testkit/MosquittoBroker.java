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

    protected MosquittoBroker(int port, java.util.List<String> settings) {
        this.port = port;
        this.settings = java.util.List.copyOf(settings);
    }

    /** Starts a broker the best available way. */
    public static MosquittoBroker start() {
        return start(java.util.List.of());
    }

    /**
     * Starts a broker with extra lines of configuration, e.g. {@code max_inflight_messages 2}, so a
     * test shows the hub's own guarantee rather than a broker setting.
     */
    public static MosquittoBroker start(java.util.List<String> settings) {
        MosquittoBroker b = dockerAvailable() ? new ContainerMosquitto(FreePort.find(), settings)
                : new BinaryMosquitto(FreePort.find(), settings);
        b.launch();
        b.awaitListening();
        LOG.info("Mosquitto ({}) listening on {}", b.kind(), b.url());
        return b;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
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
