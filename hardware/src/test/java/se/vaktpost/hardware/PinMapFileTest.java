package se.vaktpost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinMapFileTest {
    @TempDir
    Path dir;

    @Test
    void overridesOnlyTheNamedFunctions() throws Exception {
        Path f = Files.writeString(dir.resolve("pins.properties"), """
                # a panel wired on other pins
                LOCKDOWN_BUTTON = 24 active-low 10
                door_lock = 21 active-high
                """);
        PinMap m = PinMapFile.load(f);
        assertThat(m.inputs().get(Input.LOCKDOWN_BUTTON)).isEqualTo(new Pin(24, true, 10_000));
        assertThat(m.outputs().get(Output.DOOR_LOCK)).isEqualTo(new Pin(21, false, 0));
        assertThat(m.inputs().get(Input.ALARM_BUTTON)).isEqualTo(PinMap.defaults().inputs().get(Input.ALARM_BUTTON));
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Path unknown = Files.writeString(dir.resolve("a.properties"), "PANIC_BUTTON = 4\n");
        assertThatThrownBy(() -> PinMapFile.load(unknown)).hasMessageContaining("unknown function 'PANIC_BUTTON'");
        Path clash = Files.writeString(dir.resolve("b.properties"), "BUZZER = 17\n");
        assertThatThrownBy(() -> PinMapFile.load(clash)).hasMessageContaining("BCM pin 17 is used twice");
        Path junk = Files.writeString(dir.resolve("c.properties"), "BUZZER = loud\n");
        assertThatThrownBy(() -> PinMapFile.load(junk)).hasMessageContaining("expected 'BCM");
    }
}
