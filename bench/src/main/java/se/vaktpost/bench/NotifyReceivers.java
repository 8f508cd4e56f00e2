package se.vaktpost.bench;

import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import se.vaktpost.testkit.MailServer;

/**
 * Local receivers for the notification bench (an HTTP server for push, SMS and webhooks; an SMTP
 * server with STARTTLS), recording when each message arrived, and the raw floor: the same calls
 * made by a plain client with the hub's concurrency (32 HTTP requests in flight per channel, two
 * SMTP connections).
 */
final class NotifyReceivers implements AutoCloseable {
    private static final int IN_FLIGHT = 32;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(8);
    private final HttpServer http;
    private final MailServer smtp;
    private final Map<String, ConcurrentLinkedQueue<Long>> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Floor requests sent a second time after an I/O error. */
    final AtomicInteger retried = new AtomicInteger();
    private final String deviceKey;
    private final String deviceAuth;

    NotifyReceivers(Path dir) throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        http.setExecutor(httpThreads);
        http.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String p = ex.getRequestURI().getPath();
            arrived(p.startsWith("/push/") ? "PUSH" : p.startsWith("/sms") ? "SMS" : "WEBHOOK");
            ex.sendResponseHeaders(p.startsWith("/hook/") ? 200 : 201, -1);
            ex.close();
        });
        http.start();
        smtp = new MailServer(dir, (to, data, tls) -> arrived("EMAIL")).start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        deviceKey = se.vaktpost.hub.notify.PushKeys.uncompressedPoint((ECPublicKey) g.generateKeyPair().getPublic());
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        deviceAuth = Base64.getUrlEncoder().withoutPadding().encodeToString(auth);
    }

    private void arrived(String channel) {
        arrivals.computeIfAbsent(channel, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
        count.incrementAndGet();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    int smtpPort() {
        return smtp.port();
    }

    Path trustFile() {
        return smtp.trustFile();
    }

    String deviceKey() {
        return deviceKey;
    }

    String deviceAuth() {
        return deviceAuth;
    }

    void reset() {
        arrivals.clear();
        count.set(0);
    }

    void awaitAll(int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.get() + " of " + n + " messages arrived in " + seconds + " s");
            }
            Thread.sleep(5); // polling a counter against a deadline
        }
    }

    /** Per channel: each arrival's time after {@code t0}, in nanoseconds. */
    Map<String, List<Long>> latencies(long t0) {
        Map<String, List<Long>> out = new java.util.TreeMap<>();
        arrivals.forEach((ch, q) -> out.put(ch, q.stream().map(t -> t - t0).toList()));
        return out;
    }

    /** The floor: the same messages as plain HTTP POSTs and SMTP sends, all queued at once. */
    void rawSend(int recipients) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        byte[] push = new byte[3600];
        byte[] sms = ("from=Vaktpost&to=%2B46700000001&message=" + "%C3%96verfallslarm%2C+Benchskolan".repeat(3))
                .getBytes(StandardCharsets.UTF_8);
        byte[] hook = "{\"id\":\"n1:s0:WEBHOOK:json\",\"kind\":\"ALARM\",\"site\":\"bench\",\"text\":\"Överfallslarm\"}"
                .getBytes(StandardCharsets.UTF_8);
        List<Thread> senders = new ArrayList<>();
        senders.add(started(() -> posts(client, "/push/", push, recipients)));
        senders.add(started(() -> posts(client, "/sms", sms, recipients)));
        senders.add(started(() -> posts(client, "/hook/", hook, 2)));
        Properties p = new Properties();
        p.put("mail.smtp.host", "localhost");
        p.put("mail.smtp.port", String.valueOf(smtpPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(smtp.trustFile())) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        tmf.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        p.put("mail.smtp.ssl.socketFactory", clientTls.getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        Session session = Session.getInstance(p);
        for (int c = 0; c < 2; c++) {
            int from = c * recipients / 2;
            int to = (c + 1) * recipients / 2;
            senders.add(started(() -> mails(session, from, to)));
        }
        for (Thread t : senders) {
            t.join();
        }
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "floor-sender");
        t.start();
        return t;
    }

    private void posts(HttpClient client, String path, byte[] body, int n) {
        Semaphore room = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 1; i <= n; i++) {
            room.acquireUninterruptibly();
            HttpRequest r = HttpRequest.newBuilder(URI.create(url(path + (path.endsWith("/") ? i : ""))))
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            // one more try after an I/O error, as the hub's back-off would (counted, printed)
            client.sendAsync(r, HttpResponse.BodyHandlers.discarding())
                    .exceptionallyCompose(e -> {
                        retried.incrementAndGet();
                        return client.sendAsync(r, HttpResponse.BodyHandlers.discarding());
                    })
                    .whenComplete((x, e) -> {
                        room.release();
                        done.countDown();
                    });
        }
        try {
            done.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mails(Session session, int from, int to) {
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            for (int i = from; i < to; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("vaktpost@bench.example"));
                m.setRecipients(Message.RecipientType.TO, InternetAddress.parse("u" + i + "@bench.example"));
                m.setSubject("Överfallslarm: Benchskolan", "UTF-8");
                m.setText("Överfallslarm, Benchskolan (Reception), kl. 07:40 den 2 december 2026.", "UTF-8");
                m.saveChanges();
                t.sendMessage(m, m.getAllRecipients());
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw SMTP floor failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.close();
        httpThreads.shutdownNow();
    }
}
