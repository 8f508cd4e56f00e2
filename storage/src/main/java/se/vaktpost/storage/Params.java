package se.vaktpost.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/** Values for a statement's {@code :name} parameters; nulls allowed (SQL NULL). */
public final class Params {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Params() {
    }

    /** For a statement without parameters. */
    public static Params none() {
        return new Params();
    }

    public static Params of(String name, Object value) {
        return new Params().and(name, value);
    }

    public Params and(String name, Object value) {
        values.put(name, value);
        return this;
    }

    Object get(String name, String statement) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no value for :" + name + " in statement '" + statement + "'");
        }
        return values.get(name);
    }
}
