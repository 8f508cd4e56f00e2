package se.vaktpost.hub.notify.channels;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.Sender;
import se.vaktpost.hub.notify.Settings;

/**
 * E-mail over SMTP with Jakarta Mail (Eclipse Angus): STARTTLS required unless configured
 * otherwise, the server's name checked against its certificate, plain UTF-8 text. Two threads of
 * its own each keep one connection open, so 500 messages are not 500 TLS handshakes. The
 * Message-ID is the delivery's key: a mail sent again after a crash is recognisably the same.
 */
public final class EmailSender implements Sender, AutoCloseable {
    private static final int THREADS = 2;
    private final Settings.Email settings;
    private final Session session;
    private final String password;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "hub-email");
        t.setDaemon(true);
        return t;
    });
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();

    public EmailSender(Settings.Email settings, String language) throws IOException {
        if (settings.host() == null || settings.from() == null) {
            throw new IOException("notifications.email needs host and from");
        }
        if ("NONE".equals(settings.security()) && !isLocal(settings.host())) {
            throw new IOException("notifications.email.security NONE is only for a relay on this host (localhost); "
                    + "use STARTTLS or TLS for " + settings.host());
        }
        this.settings = settings;
        this.password = settings.username() == null ? null : SecretFiles.read(settings.passwordFile());
        this.session = Session.getInstance(properties(settings));
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    private static Properties properties(Settings.Email s) throws IOException {
        Properties p = new Properties();
        String proto = "TLS".equals(s.security()) ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", s.host());
        p.put("mail." + proto + ".port", String.valueOf(s.port()));
        p.put("mail." + proto + ".auth", String.valueOf(s.username() != null));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "10000");
        p.put("mail." + proto + ".writetimeout", "10000");
        p.put("mail.mime.charset", "UTF-8");
        if (!"NONE".equals(s.security())) {
            if ("STARTTLS".equals(s.security())) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true"); // never falls back to plain text
            }
            p.put("mail." + proto + ".ssl.socketFactory", trust(s.trustFile()).getSocketFactory());
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            p.put("mail." + proto + ".ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        return p;
    }

    /** The JDK's CAs, plus the certificates in {@code pemFile} for a mail server with a CA of its own. */
    static SSLContext trust(String pemFile) throws IOException {
        try {
            if (pemFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int i = 0;
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate ca : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("system-" + i++, ca);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("extra-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the mail server's certificate file " + pemFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public CompletionStage<Outcome> send(Outgoing m) {
        return CompletableFuture.supplyAsync(() -> deliver(m), threads);
    }

    private Outcome deliver(Outgoing m) {
        try {
            MimeMessage mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + m.key().replaceAll("[^A-Za-z0-9.:_-]", "-") + "@vaktpost>");
                }
            };
            mail.setFrom(new InternetAddress(settings.from()));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(m.address(), true));
            mail.setSubject(m.title(), StandardCharsets.UTF_8.name());
            mail.setText(m.link() == null ? m.body() : m.body() + "\n\n" + m.link(), StandardCharsets.UTF_8.name());
            mail.setHeader("X-Vaktpost-Delivery", m.key());
            mail.setHeader("X-Priority", "1");
            mail.setSentDate(new Date());
            mail.saveChanges();
            Transport t = connected();
            t.sendMessage(mail, mail.getAllRecipients());
            return Outcome.sent();
        } catch (SendFailedException e) {
            disconnect();
            boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            return Outcome.failed("the mail server refused the message: " + withoutAddresses(e.getMessage()), refused);
        } catch (AuthenticationFailedException e) {
            disconnect();
            return Outcome.failed("the mail server refused the hub's sign-in; check notifications.email username and passwordFile", false);
        } catch (MessagingException | RuntimeException e) {
            disconnect();
            return Outcome.failed("mail server " + settings.host() + ":" + settings.port() + " unreachable or failing: "
                    + withoutAddresses(e.getMessage()), false);
        }
    }

    /** The server's words without the address in them: failures go to logs and the audit, addresses never. */
    static String withoutAddresses(String message) {
        return message == null ? "" : message.replaceAll("[^\\s<>\"']+@[^\\s<>\"']+", "(address)");
    }

    private Transport connected() throws MessagingException {
        Transport t = connection.get();
        if (t == null || !t.isConnected()) {
            t = session.getTransport();
            t.connect(settings.host(), settings.port(), settings.username(), password);
            connection.set(t);
        }
        return t;
    }

    private void disconnect() {
        Transport t = connection.get();
        connection.remove();
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
