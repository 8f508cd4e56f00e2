package se.vaktpost.protocol.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How every client of the contract reaches the broker: the socket (TLS that trusts only the
 * project CA for {@code ssl://}, plain TCP for {@code tcp://}, both with TCP_NODELAY) and who it
 * is (user name and password). One place, so the hub and the panels cannot drift apart.
 */
public final class BrokerConnection {
    private final String url;
    private final Optional<MqttCredentials> credentials;
    private final SSLContext tls;

    private BrokerConnection(String url, Optional<MqttCredentials> credentials, SSLContext tls) {
        this.url = url;
        this.credentials = credentials;
        this.tls = tls;
    }

    /** Plain TCP, no identity: only for a broker that lets anonymous clients in (tests of the refusal, --insecure). */
    public static BrokerConnection anonymous(String url) {
        requireScheme(url, "tcp");
        return new BrokerConnection(url, Optional.empty(), null);
    }

    /**
     * As the given identity. {@code url} (when null, the one in the credentials) must be
     * {@code ssl://}: a password never crosses the network in the clear.
     */
    public static BrokerConnection as(MqttCredentials credentials, String url) {
        String target = url != null ? url : credentials.brokerUrl().orElseThrow(() -> new IllegalArgumentException(
                "no broker URL: give --mqtt-url ssl://HOST:8883 or provision the client with --broker-url"));
        requireScheme(target, "ssl");
        return new BrokerConnection(target, Optional.of(credentials), trusting(credentials));
    }

    /** The same broker and trust, without user name: what a stranger would try (the hub's anonymity probe). */
    public BrokerConnection withoutIdentity() {
        return new BrokerConnection(url, Optional.empty(), tls);
    }

    public String url() {
        return url;
    }

    public Optional<MqttCredentials> credentials() {
        return credentials;
    }

    /** Which of the hub's connections a connect is for; a panel's is always {@link #MAIN}. */
    public enum Link {
        /** The client's own identity: a panel, or the hub's alarm path. */
        MAIN,
        /** The hub's presence link: a steady stream in, acks out. */
        PRESENCE,
        /** The hub's second connection for states: publishes only. */
        STATES
    }

    /** Socket factory, user name and password for one connect; {@code presence} picks the hub's second identity. */
    public void apply(MqttConnectionOptions o, boolean presence) {
        apply(o, presence ? Link.PRESENCE : Link.MAIN);
    }

    /**
     * Socket factory, user name and password for one connect of {@code link}. The hub's presence and
     * states links connect as their own identities (the broker makes the user name the client id,
     * so one identity holds one connection). A presence link without one connects as the main
     * identity (as before it had its own); a state link never does: it would take the alarm path's
     * session over.
     */
    public void apply(MqttConnectionOptions o, Link link) {
        // the hub's presence link receives a steady stream that carries its ACKs: no ACK per read there
        boolean quickAck = link != Link.PRESENCE;
        o.setSocketFactory(tls == null ? new NoDelaySocketFactory(quickAck) : new NoDelayTlsSocketFactory(tls.getSocketFactory()));
        o.setHttpsHostnameVerificationEnabled(true);
        credentials.ifPresent(c -> {
            Optional<MqttCredentials.Identity> own = switch (link) {
                case MAIN -> Optional.empty();
                case PRESENCE -> c.presence();
                case STATES -> Optional.of(c.states().orElseThrow(() -> new IllegalStateException(
                        "these credentials hold no identity for the hub's state link")));
            };
            String user = own.map(MqttCredentials.Identity::username).orElse(c.username());
            char[] password = own.map(MqttCredentials.Identity::password).orElse(c.password());
            o.setUserName(user);
            o.setPassword(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    private static void requireScheme(String url, String scheme) {
        String actual = URI.create(url).getScheme();
        if (!scheme.equals(actual)) {
            throw new IllegalArgumentException("broker URL " + url + " must start with " + scheme + "://"
                    + ("ssl".equals(scheme) ? " (credentials are only sent over TLS)" : ""));
        }
    }

    private static SSLContext trusting(MqttCredentials c) {
        try (InputStream in = Files.newInputStream(c.caCertificate())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            java.util.List<java.security.cert.X509Certificate> cas = new java.util.ArrayList<>();
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("vaktpost-ca-" + cas.size(), cert);
                cas.add((java.security.cert.X509Certificate) cert);
            }
            if (cas.isEmpty()) {
                throw new IllegalArgumentException(c.caCertificate() + " holds no certificate");
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            // the pinned CA only, and never this device's clock (see PinnedCaTrust)
            ctx.init(null, new javax.net.ssl.TrustManager[] {
                new PinnedCaTrust(trust, cas.toArray(java.security.cert.X509Certificate[]::new))}, null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificate " + c.caCertificate(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CA certificate " + c.caCertificate() + " is not usable: " + e.getMessage(), e);
        }
    }
}
