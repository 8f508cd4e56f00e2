package se.vaktpost.hub.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import se.vaktpost.hub.metrics.MicrometerHubMetrics;
import se.vaktpost.hub.store.HubQueries;

/** Health, Prometheus metrics and read-only JSON for site state, incidents and events. */
public final class HttpApi {
    private static final int MAX_LIMIT = 1000;
    private final Vertx vertx;
    private final HubQueries queries;
    private final MicrometerHubMetrics metrics;
    private final SiteView sites;
    private final BooleanSupplier mqttConnected;

    public HttpApi(Vertx vertx, HubQueries queries, MicrometerHubMetrics metrics, SiteView sites,
                   BooleanSupplier mqttConnected) {
        this.vertx = vertx;
        this.queries = queries;
        this.metrics = metrics;
        this.sites = sites;
        this.mqttConnected = mqttConnected;
    }

    public Future<HttpServer> listen(String host, int port) {
        Router r = Router.router(vertx);
        r.get("/health").handler(this::health);
        r.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        r.get("/api/sites").handler(ctx -> blocking(ctx, sites::all));
        r.get("/api/sites/:site").handler(ctx -> blocking(ctx, () -> sites.one(ctx.pathParam("site"))));
        r.get("/api/incidents").handler(ctx -> blocking(ctx,
                () -> new JsonArray(queries.incidents(ctx.queryParams().get("site"), limit(ctx)).stream()
                        .map(JsonObject::mapFrom).toList())));
        r.get("/api/events").handler(ctx -> blocking(ctx,
                () -> new JsonArray(queries.events(ctx.queryParams().get("site"), limit(ctx)).stream()
                        .map(JsonObject::mapFrom).toList())));
        r.route().last().handler(ctx -> error(ctx, 404, "no such resource: " + ctx.request().path()));
        r.route().failureHandler(ctx -> error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                ctx.failure() instanceof IllegalArgumentException e ? e.getMessage() : "internal error"));
        return vertx.createHttpServer().requestHandler(r).listen(port, host);
    }

    private void health(RoutingContext ctx) {
        vertx.executeBlocking(queries::healthy).onComplete(res -> {
            boolean db = res.succeeded() && res.result();
            boolean mqtt = mqttConnected.getAsBoolean();
            JsonObject body = new JsonObject().put("status", db && mqtt ? "UP" : "DEGRADED")
                    .put("database", db).put("mqtt", mqtt);
            json(ctx, db && mqtt ? 200 : 503, body.encode());
        });
    }

    private static int limit(RoutingContext ctx) {
        String v = ctx.queryParams().get("limit");
        if (v == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    private void blocking(RoutingContext ctx, Callable<Object> work) {
        vertx.executeBlocking(work).onComplete(res -> {
            if (res.succeeded()) {
                json(ctx, 200, res.result() instanceof JsonArray a ? a.encode() : ((JsonObject) res.result()).encode());
            } else if (res.cause() instanceof NotFound nf) {
                error(ctx, 404, nf.getMessage());
            } else if (res.cause() instanceof BadRequest br) {
                error(ctx, 400, br.getMessage());
            } else {
                error(ctx, 500, "internal error; see the hub log");
            }
        });
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body);
    }

    private static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message).put("status", status).encode());
    }

    /** Live site state, served from the pipeline's memory rather than the database. */
    public interface SiteView {
        JsonArray all() throws Exception;

        JsonObject one(String site) throws Exception;
    }

    /** 404 with a message. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }

}
