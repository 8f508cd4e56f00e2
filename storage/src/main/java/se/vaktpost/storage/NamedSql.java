package se.vaktpost.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statements kept in a classpath resource, each introduced by a line {@code -- name: key}. Keeps
 * SQL out of Java code and lets it be read and reviewed as SQL.
 */
public final class NamedSql {
    private final String resource;
    private final Map<String, String> statements;

    private NamedSql(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = Map.copyOf(statements);
    }

    public static NamedSql load(String resource) {
        try (InputStream in = NamedSql.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource missing from the classpath: " + resource);
            }
            return new NamedSql(resource, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String name) {
        String sql = statements.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no statement '" + name + "' in " + resource);
        }
        return sql;
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("-- name:")) {
                put(out, name, body);
                name = t.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (!t.startsWith("--") && !t.isEmpty()) {
                body.append(line).append('\n');
            }
        }
        put(out, name, body);
        return out;
    }

    private static void put(Map<String, String> out, String name, StringBuilder body) {
        if (name != null) {
            String sql = body.toString().strip();
            out.put(name, sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
        }
    }
}
