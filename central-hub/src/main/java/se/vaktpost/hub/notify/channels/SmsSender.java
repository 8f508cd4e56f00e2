package se.vaktpost.hub.notify.channels;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import se.vaktpost.hub.notify.Channel;
import se.vaktpost.hub.notify.Sender;
import se.vaktpost.hub.notify.Settings;

/**
 * SMS through an HTTP gateway that takes a form POST with basic auth, as 46elks and most Swedish
 * providers do: {@code from}, {@code to}, {@code message} (field names configurable).
 */
public final class SmsSender implements Sender {
    private final Settings.Sms settings;
    private final HttpClient client = HttpOutcomes.client();
    private final String authorization;

    public SmsSender(Settings.Sms settings) throws IOException {
        if (settings.url() == null) {
            throw new IOException("notifications.sms needs a url (the gateway's address)");
        }
        this.settings = settings;
        this.authorization = settings.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + SecretFiles.read(settings.passwordFile())).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public CompletionStage<Outcome> send(Outgoing m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(settings.fields().getOrDefault("from", "from"), settings.from());
        form.put(settings.fields().getOrDefault("to", "to"), m.address());
        form.put(settings.fields().getOrDefault("message", "message"), text(m));
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(settings.url())).timeout(HttpOutcomes.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return HttpOutcomes.send(client, r.build(), "the SMS gateway");
    }

    /** The body with the incident's link: an SMS has no title. */
    static String text(Outgoing m) {
        return m.link() == null ? m.body() : m.body() + " " + m.link();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
