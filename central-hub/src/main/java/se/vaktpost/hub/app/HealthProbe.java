package se.vaktpost.hub.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container's health check where the image has no shell or curl (the hub's image holds Java and
 * the hub only): exit 0 when the URL answers 200 within two seconds, else 1. JDK classes only, so
 * it starts fast: {@code java -cp /app/classes se.vaktpost.hub.app.HealthProbe http://127.0.0.1:8080/health/ready}.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready";
        try {
            int status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health probe: " + url + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
