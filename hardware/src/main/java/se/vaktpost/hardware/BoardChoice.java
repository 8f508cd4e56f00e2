package se.vaktpost.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which board a panel drives. On a Raspberry Pi there is no default: a panel that came up with the
 * simulated board would show online at the hub with dead buttons, so the operator must say
 * {@code gpiod} (or {@code mock}, to simulate on purpose). Elsewhere the simulated board is the
 * default, for development and demos.
 */
public final class BoardChoice {
    /** Where Linux names the machine it runs on (the device tree's model string). */
    public static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    public enum Kind { mock, gpiod }

    /** The operator's mistake, with what to pass instead. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private BoardChoice() {
    }

    /**
     * @param asked   the board given with {@code --board}, if any
     * @param piModel the Raspberry Pi's model when running on one (see {@link #raspberryPi(Path)})
     */
    public static Kind decide(Optional<Kind> asked, Optional<String> piModel) {
        if (asked.isPresent()) {
            return asked.get();
        }
        if (piModel.isPresent()) {
            throw new Refused("this is a " + piModel.get() + ": pass --board gpiod to drive the panel's buttons, LED, "
                    + "buzzer and door lock (or --board mock to simulate on purpose)");
        }
        return Kind.mock;
    }

    /** The model of the Raspberry Pi this runs on, read from {@code modelFile}; empty on any other machine. */
    public static Optional<String> raspberryPi(Path modelFile) {
        try {
            if (!Files.isReadable(modelFile)) {
                return Optional.empty();
            }
            // the device tree ends its strings with a NUL
            String model = new String(Files.readAllBytes(modelFile), StandardCharsets.US_ASCII).replace("\0", "").trim();
            return model.startsWith("Raspberry Pi") ? Optional.of(model) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
