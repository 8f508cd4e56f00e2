package se.vaktpost.hub.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import se.vaktpost.mqttsecurity.BrokerConfig;
import se.vaktpost.mqttsecurity.Pki;
import se.vaktpost.protocol.transport.OwnerOnly;

/**
 * A real MQTT 5 broker (HiveMQ Community Edition) inside the hub process, for the no-install
 * demo, with the same rules as the Mosquitto configuration of production: a TLS-only listener
 * with a certificate from the project CA, and {@link EmbeddedBrokerSecurity}. Production points
 * the hub at an external broker instead.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path home, String bindAddress, int port, Pki.Issued certificate,
                                       EmbeddedBrokerSecurity security) throws Exception {
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path extensions = Files.createDirectories(home.resolve("extensions"));
        String password = randomPassword();
        Path keystore = conf.resolve("broker.p12").toAbsolutePath();
        writeKeystore(keystore, certificate, password);
        Path config = conf.resolve("config.xml");
        OwnerOnly.create(config); // the key store's password is in it
        Files.writeString(config, """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tls-tcp-listener>
                      <port>%d</port><bind-address>%s</bind-address><name>tls</name>
                      <tls>
                        <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                        <protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols>
                        <client-authentication-mode>NONE</client-authentication-mode>
                      </tls>
                    </tls-tcp-listener>
                  </listeners>
                  <mqtt><packets><max-packet-size>%d</max-packet-size></packets></mqtt>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, keystore, password, password, BrokerConfig.MAX_PACKET_BYTES),
                StandardCharsets.UTF_8);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(security.extension())
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        if (!security.started()) {
            // an embedded HiveMQ without our authenticator lets everyone in: never run like that
            hivemq.stop().get(10, TimeUnit.SECONDS);
            hivemq.close();
            throw new IllegalStateException("the embedded broker's security did not start; refusing to run it");
        }
        return new EmbeddedBroker(hivemq, port);
    }

    public String url() {
        return "ssl://127.0.0.1:" + port;
    }

    private static void writeKeystore(Path file, Pki.Issued certificate, String password)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("broker", certificate.key(), password.toCharArray(), new Certificate[] {certificate.certificate()});
        OwnerOnly.create(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
