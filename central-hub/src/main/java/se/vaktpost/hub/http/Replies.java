package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON replies and the mapping of failures to status codes: bad input is a 4xx, never a 500. */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /** A request the client must change: 400 unless a more precise status is given. */
    static final class ClientError extends RuntimeException {
        final int status;

        ClientError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static ClientError badRequest(String message) {
        return new ClientError(400, message);
    }

    static ClientError notFound(String message) {
        return new ClientError(404, message);
    }

    static ClientError conflict(String message) {
        return new ClientError(409, message);
    }

    static ClientError forbidden(String message) {
        return new ClientError(403, message);
    }

    /** Runs blocking work off the event loop and answers with its JSON, or with the error it threw. */
    static void blocking(Vertx vertx, RoutingContext ctx, Callable<Object> work) {
        vertx.executeBlocking(work).onComplete(res -> {
            if (res.succeeded()) {
                Object body = res.result();
                String text = body instanceof JsonArray a ? a.encode()
                        : body instanceof JsonObject o ? o.encode() : new JsonObject().put("ok", true).encode();
                json(ctx, 200, text);
            } else {
                fail(ctx, res.cause());
            }
        });
    }

    /** Work that may throw; for the step after a core command. */
    interface Step<T, R> {
        R apply(T value) throws Exception;
    }

    /**
     * Starts a command on the hub's core from the event loop (checks that throw are answered as
     * errors), then runs {@code then} off the event loop with the core's answer (the audit, a
     * lookup) and replies with its JSON. No thread waits for the core.
     */
    static <R> void afterCore(Vertx vertx, RoutingContext ctx, Callable<java.util.concurrent.CompletionStage<R>> start,
                              Step<R, Object> then) {
        java.util.concurrent.CompletionStage<R> answer;
        try {
            answer = start.call();
        } catch (Exception e) {
            fail(ctx, e);
            return;
        }
        io.vertx.core.Future.fromCompletionStage(answer, vertx.getOrCreateContext())
                .compose(r -> vertx.executeBlocking(() -> then.apply(r)))
                .onComplete(res -> {
                    if (res.succeeded()) {
                        Object body = res.result();
                        json(ctx, 200, body instanceof JsonObject o ? o.encode() : new JsonObject().put("ok", true).encode());
                    } else {
                        fail(ctx, res.cause());
                    }
                });
    }

    /** A file to send: shown in the browser when {@code inline}, otherwise downloaded. */
    record File(byte[] body, String contentType, String fileName, boolean inline) {
    }

    /** Runs blocking work that makes a file and sends it, or the error it threw. */
    static void file(Vertx vertx, RoutingContext ctx, Callable<File> work) {
        vertx.executeBlocking(work).onComplete(res -> {
            if (res.failed()) {
                fail(ctx, res.cause());
                return;
            }
            File f = res.result();
            ctx.response().putHeader("content-type", f.contentType())
                    .putHeader("content-disposition", (f.inline() ? "inline" : "attachment") + "; filename=\""
                            + f.fileName() + "\"")
                    .putHeader("cache-control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(f.body()));
        });
    }

    static void fail(RoutingContext ctx, Throwable cause) {
        Throwable c = cause instanceof java.util.concurrent.ExecutionException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ClientError e) {
            error(ctx, e.status, e.getMessage());
        } else if (c instanceof se.vaktpost.hub.core.Command.Busy e) {
            error(ctx, 503, e.getMessage());
        } else if (c instanceof IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), c);
            error(ctx, 500, "internal error; see the hub log");
        }
    }

    static void json(RoutingContext ctx, int status, String body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body);
        }
    }

    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message).put("status", status).encode());
    }

    /** The JSON body as an object, or a 400 that says what is wrong. */
    static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject o = ctx.body().asJsonObject();
            return o == null ? new JsonObject() : o;
        } catch (RuntimeException e) {
            throw badRequest("the body must be a JSON object");
        }
    }

    /** A whole number from a path or query parameter, or a 400 naming it. */
    static long wholeNumber(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw badRequest(what + " must be a whole number");
        }
    }

    static String text(JsonObject body, String field, int maxLength) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw badRequest("field '" + field + "' must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw badRequest("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return s;
    }
}
