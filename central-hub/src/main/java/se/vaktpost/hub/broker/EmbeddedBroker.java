package se.vaktpost.hub.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT 5 broker (HiveMQ Community Edition) inside the hub process, for the no-install
 * demo. Production points the hub at an external broker with --mqtt-url instead.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path home, String bindAddress, int port) throws Exception {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path extensions = Files.createDirectories(home.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                  </listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new EmbeddedBroker(hivemq, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        try {
            hivemq.stop().get(10, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IOException("embedded broker did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
