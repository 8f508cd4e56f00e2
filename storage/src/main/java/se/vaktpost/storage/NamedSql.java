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
    /** Parsed once here: statement() runs on every query of the alarm path. */
    private final Map<String, Statement> parsed;

    private NamedSql(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = Map.copyOf(statements);
        Map<String, Statement> p = new LinkedHashMap<>();
        statements.forEach((name, sql) -> p.put(name, named(name, sql)));
        this.parsed = Map.copyOf(p);
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

    /** A statement with {@code :name} parameters, turned into JDBC's {@code ?} once, at load. */
    public record Statement(String name, String jdbc, java.util.List<String> parameters) {
    }

    /** The statement {@code name}, with its {@code :name} parameters in the order JDBC binds them. */
    public Statement statement(String name) {
        Statement st = parsed.get(name);
        if (st == null) {
            throw new IllegalArgumentException("no statement '" + name + "' in " + resource);
        }
        return st;
    }

    static Statement named(String name, String sql) {
        StringBuilder out = new StringBuilder();
        java.util.List<String> params = new java.util.ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean starts = !quoted && c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!starts) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            params.add(sql.substring(i + 1, end));
            out.append('?');
            i = end - 1;
        }
        return new Statement(name, out.toString(), java.util.List.copyOf(params));
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
