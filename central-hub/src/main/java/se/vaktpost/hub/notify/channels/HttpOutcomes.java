package se.vaktpost.hub.notify.channels;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import se.vaktpost.hub.notify.Sender.Outcome;

/** One rule for every HTTP channel: what an answer means, and a client that never waits long. */
final class HttpOutcomes {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpOutcomes() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends without blocking; 2xx sent; 408, 425, 429 and 5xx again later; other answers given up. */
    static CompletionStage<Outcome> send(HttpClient client, HttpRequest request, String what) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error != null ? Outcome.failed(what + " unreachable: " + cause(error), false)
                        : of(response.statusCode(), what));
    }

    static Outcome of(int status, String what) {
        if (status >= 200 && status < 300) {
            return Outcome.sent();
        }
        boolean retry = status == 408 || status == 425 || status == 429 || status >= 500;
        return Outcome.failed(what + " answered HTTP " + status, !retry);
    }

    private static String cause(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        String m = c.getMessage();
        return c instanceof IOException || m == null ? c.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")") : m;
    }
}
