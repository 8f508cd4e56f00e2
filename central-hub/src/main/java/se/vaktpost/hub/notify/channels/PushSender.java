package se.vaktpost.hub.notify.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.PushKeys;
import se.vaktpost.hub.notify.PushSubscriptions;
import se.vaktpost.hub.notify.Sender;

/**
 * Web Push (RFC 8030) with the payload encrypted for the device (RFC 8291, aes128gcm) and the
 * hub identified by VAPID (RFC 8292), both by zerodep-web-push-java on the JDK's own crypto; the
 * request is sent here, without blocking. The payload names the school, the kind, the time and
 * the incident, which the service worker opens. A subscription the push service says is gone
 * (404, 410) is marked expired and never tried again.
 */
public final class PushSender implements Sender, AutoCloseable {
    /** What fits in one push message after encryption (4096 bytes less the overhead). */
    static final int MAX_PAYLOAD = 3993;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VAPIDKeyPair vapid;
    private final String subject;
    private final PushSubscriptions subscriptions;
    private final Clock clock;
    private final HttpClient client = HttpOutcomes.client();
    private final java.util.Map<String, Signed> signed = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService crypto = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "hub-push");
        t.setDaemon(true);
        return t;
    });

    public PushSender(PushKeys keys, String subject, PushSubscriptions subscriptions, Clock clock) {
        this.vapid = VAPIDKeyPairs.of(PrivateKeySources.ofECPrivateKey((ECPrivateKey) keys.pair().getPrivate()),
                PublicKeySources.ofECPublicKey((ECPublicKey) keys.pair().getPublic()));
        this.subject = subject;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public CompletionStage<Outcome> send(Outgoing m) {
        // the encryption is an elliptic-curve agreement per message: done on threads of its own,
        // never on the notifier's, so the other channels keep going meanwhile
        return CompletableFuture.supplyAsync(() -> prepare(m), crypto).thenCompose(prepared -> prepared.request() == null
                ? CompletableFuture.completedFuture(prepared.refusal()) : post(prepared));
    }

    private record Prepared(PushSubscriptions.Subscription sub, HttpRequest request, Outcome refusal) {
    }

    private Prepared prepare(Outgoing m) {
        Optional<PushSubscriptions.Subscription> sub;
        try {
            sub = subscriptions.find(m.address());
        } catch (SQLException e) {
            return new Prepared(null, null, Outcome.failed("could not read the device's subscription: " + e.getMessage(), false));
        }
        if (sub.isEmpty()) {
            return new Prepared(null, null, Outcome.failed("the device was removed or its subscription ended", true));
        }
        if (!subscriptions.allowed(sub.get().endpoint())) {
            return new Prepared(null, null, Outcome.failed("the device's push service is no longer allowed "
                    + "(notifications.push.allowedHosts)", true));
        }
        byte[] payload = payload(m).getBytes(StandardCharsets.UTF_8);
        byte[] body;
        try {
            body = MessageEncryptions.of() // one per message: not thread-safe
                    .encrypt(UserAgentMessageEncryptionKeyInfo.of(sub.get().p256dh(), sub.get().auth()), PushMessage.of(payload))
                    .toBytes();
        } catch (RuntimeException e) {
            // a device key that is no point on the curve never becomes one: trying again cannot help
            return new Prepared(null, null, Outcome.failed("the device's keys cannot be used (" + e.getClass().getSimpleName() + ")", true));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(sub.get().endpoint())).timeout(HttpOutcomes.TIMEOUT)
                .header("Authorization", authorization(sub.get().endpoint()))
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", "86400")
                .header("Urgency", "high")
                // a repeat after a crash replaces the first at the push service if it was not delivered yet
                .header("Topic", topic(m.key()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return new Prepared(sub.get(), request, null);
    }

    private CompletionStage<Outcome> post(Prepared p) {
        return client.sendAsync(p.request(), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                return Outcome.failed("the push service is unreachable: " + error.getMessage(), false);
            }
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                expire(p.sub().id());
                return Outcome.failed("the device's subscription has ended (HTTP " + status + "); it will get no more", true);
            }
            return HttpOutcomes.of(status, "the push service");
        });
    }

    /**
     * The VAPID header for a push service (its origin is the JWT's audience): signed once and
     * reused for an hour of its 12 h lifetime (RFC 8292 lets a sender reuse it), not per message.
     */
    private String authorization(String endpoint) {
        URI u = URI.create(endpoint);
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        long now = clock.millis();
        Signed cached = signed.get(origin);
        if (cached != null && now - cached.madeAtMillis() < TimeUnit.HOURS.toMillis(1)) {
            return cached.header();
        }
        String header = vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                .resourceURLString(endpoint).expiresAfter(12, TimeUnit.HOURS).subject(subject).build());
        signed.put(origin, new Signed(header, now));
        return header;
    }

    private record Signed(String header, long madeAtMillis) {
    }

    private void expire(String id) {
        try {
            subscriptions.expire(id, clock.instant());
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(PushSender.class).warn("could not mark device {} as gone: {}", id, e.getMessage());
        }
    }

    /** What the service worker shows: title, text, and what to open; cut to fit one message. */
    static String payload(Outgoing m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("title", m.title());
        o.put("body", m.body().length() > 1500 ? m.body().substring(0, 1500) + "…" : m.body());
        o.put("incident", m.notice().incident());
        o.put("kind", m.notice().kind().name());
        o.put("drill", m.notice().drill());
        o.put("site", m.notice().site());
        o.put("at", m.notice().hubAt().toString());
        o.put("tag", m.notice().incident() == null ? m.key() : m.notice().incident());
        return o.toString();
    }

    /** RFC 8030 Topic: at most 32 characters of the URL-safe base64 alphabet. */
    static String topic(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        crypto.shutdownNow();
    }
}
