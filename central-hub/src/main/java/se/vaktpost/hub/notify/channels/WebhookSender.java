package se.vaktpost.hub.notify.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.NotificationPlan;
import se.vaktpost.hub.notify.Sender;

/**
 * Webhooks: JSON or CAP 1.2, POSTed with {@code X-Vaktpost-Timestamp} (seconds, the hub's clock)
 * and an HMAC-SHA256 signature of "timestamp.body" ({@code X-Vaktpost-Signature: sha256=<hex>}),
 * so a captured request cannot be replayed later; and an {@code Idempotency-Key} that is the same
 * on every retry (and also inside the signed body), so a receiver that saw a message once can
 * drop a repeat.
 */
public final class WebhookSender implements Sender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Hook> hooks = new LinkedHashMap<>();
    private final HttpClient client = HttpOutcomes.client();
    private final String capSender;
    private final ZoneId zone;
    private final String language;

    private record Hook(NotificationPlan.Webhook config, byte[] key) {
    }

    private final java.time.Clock clock;

    public WebhookSender(List<NotificationPlan.Webhook> webhooks, String capSender, ZoneId zone, String language,
                         java.time.Clock clock) throws IOException {
        this.clock = clock;
        for (NotificationPlan.Webhook w : webhooks) {
            byte[] key = SecretFiles.read(w.secretFile()).getBytes(StandardCharsets.UTF_8);
            if (key.length < 16) {
                throw new IOException("the HMAC key of webhook '" + w.id() + "' (" + w.secretFile()
                        + ") is shorter than 16 bytes; use e.g. `openssl rand -hex 32`");
            }
            hooks.put(w.id(), new Hook(w, key));
        }
        this.capSender = capSender;
        this.zone = zone;
        this.language = language;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public CompletionStage<Outcome> send(Outgoing m) {
        Hook hook = hooks.get(m.address());
        if (hook == null) {
            return CompletableFuture.completedFuture(Outcome.failed("webhook '" + m.address() + "' is no longer configured", true));
        }
        boolean cap = hook.config().format() == NotificationPlan.Webhook.Format.CAP;
        byte[] body = (cap ? CapAlert.of(m, capSender, zone, language) : json(m)).getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.config().url())).timeout(HttpOutcomes.TIMEOUT)
                .header("Content-Type", cap ? "application/cap+xml; charset=UTF-8" : "application/json; charset=UTF-8")
                .header("Idempotency-Key", m.key())
                .header("X-Vaktpost-Timestamp", timestamp)
                .header("X-Vaktpost-Signature", "sha256=" + sign(hook.key(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpOutcomes.send(client, request, "webhook '" + m.address() + "'");
    }

    /** The signature a receiver recomputes over "timestamp.body" (the raw body) with the shared key. */
    public static String sign(byte[] key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static String json(Outgoing m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", m.key());
        o.put("kind", m.notice().kind().name());
        o.put("incident", m.notice().incident());
        o.put("incidentKind", m.notice().incidentKind());
        o.put("drill", m.notice().drill());
        o.put("site", m.notice().site());
        o.put("siteName", m.siteName());
        o.put("panel", m.notice().panel());
        o.put("at", m.notice().hubAt().toString());
        o.put("title", m.title());
        o.put("text", m.body());
        o.put("link", m.link());
        return o.toString();
    }
}
