package se.vaktpost.testkit;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SMTPServer;
import se.vaktpost.mqttsecurity.Pki;

/**
 * A real SMTP server (SubEthaSMTP) on loopback that requires STARTTLS, with a certificate from a
 * CA of its own written to {@link #trustFile()} (what the hub's notifications.email.trustFile
 * names). It can be down (its port reserved, not listening) and started later on the same port.
 */
public final class MailServer implements AutoCloseable {
    /** Told of every message: the envelope recipient, the raw message, whether it came over TLS. */
    public interface Handler {
        void received(String to, byte[] data, boolean tls);
    }

    private final int port = FreePort.find();
    private final SSLContext tls;
    private final Path trustFile;
    private final Handler handler;
    private SMTPServer server;

    public MailServer(Path dir, Handler handler) throws Exception {
        Pki pki = Pki.create("Test mail CA", Clock.systemUTC(), new SecureRandom());
        Pki.Issued issued = pki.issueServer(List.of("localhost", "127.0.0.1"), Clock.systemUTC());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("smtp", issued.key(), pw, new Certificate[] {issued.certificate(), pki.caCertificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        trustFile = dir.resolve("mail-ca.pem");
        Files.writeString(trustFile, pki.caCertificatePem());
        this.handler = handler;
    }

    /** Starts listening (again); until then the port refuses connections, as a mail server that is down. */
    public MailServer start() {
        server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .startTlsSocketFactory(tls).requireTLS().maxConnections(64)
                .messageHandler((ctx, from, to, data) -> handler.received(to, data,
                        ((org.subethamail.smtp.server.Session) ctx).getSocket() instanceof SSLSocket))
                .build();
        server.start();
        return this;
    }

    public int port() {
        return port;
    }

    public Path trustFile() {
        return trustFile;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
