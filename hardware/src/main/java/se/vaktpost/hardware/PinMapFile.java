package se.vaktpost.hardware;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads pin overrides for a panel wired differently from the default. One line per function:
 * <pre>
 * LOCKDOWN_BUTTON = 24 active-low 10     # BCM pin, polarity, debounce in ms (inputs)
 * DOOR_LOCK       = 21 active-high
 * </pre>
 * Functions not named keep their default pin from {@link PinMap#defaults()}.
 */
public final class PinMapFile {
    private PinMapFile() {
    }

    public static PinMap load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return apply(PinMap.defaults(), p);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static PinMap apply(PinMap base, Properties p) {
        Map<Input, Pin> in = new EnumMap<>(base.inputs());
        Map<Output, Pin> out = new EnumMap<>(base.outputs());
        for (String key : p.stringPropertyNames()) {
            String name = key.strip().toUpperCase(Locale.ROOT);
            String value = p.getProperty(key).replaceAll("#.*", "").strip();
            if (isInput(name)) {
                Input i = Input.valueOf(name);
                in.put(i, parse(name, value, in.get(i)));
            } else if (isOutput(name)) {
                Output o = Output.valueOf(name);
                out.put(o, parse(name, value, out.get(o)));
            } else {
                throw new IllegalArgumentException("unknown function '" + key + "'; use one of "
                        + java.util.Arrays.toString(Input.values()) + " " + java.util.Arrays.toString(Output.values()));
            }
        }
        return new PinMap(in, out);
    }

    private static Pin parse(String name, String value, Pin fallback) {
        String[] w = value.split("\\s+");
        try {
            int bcm = Integer.parseInt(w[0]);
            boolean activeLow = fallback.activeLow();
            long debounceMicros = fallback.debounceMicros();
            for (int i = 1; i < w.length; i++) {
                switch (w[i].toLowerCase(Locale.ROOT)) {
                    case "active-low" -> activeLow = true;
                    case "active-high" -> activeLow = false;
                    default -> debounceMicros = Long.parseLong(w[i]) * 1000;
                }
            }
            return new Pin(bcm, activeLow, debounceMicros);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + value
                    + "': expected 'BCM [active-low|active-high] [debounce-ms]'");
        }
    }

    private static boolean isInput(String name) {
        return java.util.Arrays.stream(Input.values()).anyMatch(i -> i.name().equals(name));
    }

    private static boolean isOutput(String name) {
        return java.util.Arrays.stream(Output.values()).anyMatch(o -> o.name().equals(name));
    }
}
